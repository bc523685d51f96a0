import { WorkQueue } from './workQueue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('never runs one key twice at once and reruns a key added while it ran', async () => {
    const gate = deferred();
    const runs: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = new WorkQueue({
      concurrency: 4,
      baseDelayMs: 1,
      maxDelayMs: 10,
      handler: async key => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        runs.push(key);
        if (runs.length === 1) await gate.promise;
        running -= 1;
      },
    });
    queue.add('a');
    queue.add('a'); // while a runs: queued once more for after
    queue.add('a');
    gate.resolve();
    await queue.idle();
    expect(runs).toEqual(['a', 'a']);
    expect(maxRunning).toBe(1);
  });

  it('deduplicates waiting keys', async () => {
    const runs: string[] = [];
    const queue = new WorkQueue({
      concurrency: 1,
      baseDelayMs: 1,
      maxDelayMs: 10,
      handler: async key => {
        runs.push(key);
      },
    });
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('c');
    await queue.idle();
    expect(runs).toEqual(['a', 'b', 'c']);
  });

  it('retries a failing key with exponential backoff', async () => {
    const delays: number[] = [];
    let calls = 0;
    const done = deferred();
    const queue = new WorkQueue({
      concurrency: 1,
      baseDelayMs: 1,
      maxDelayMs: 4,
      handler: async () => {
        calls += 1;
        if (calls < 5) throw new Error('API down');
        done.resolve();
      },
      onError: (_key, _error, retryInMs) => delays.push(retryInMs),
    });
    queue.add('a');
    await done.promise;
    expect(delays).toEqual([1, 2, 4, 4]);
    queue.stop();
  });
});
