import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 60_000, () => 0)).toBe(4000);
    expect(backoffDelay(3, 1000, 60_000, () => 1)).toBe(8000);
  });

  it('caps at the maximum, even for huge attempt counts', () => {
    expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(10_000, 1000, 60_000, () => 0.5)).toBe(45_000);
  });
});

describe('sleep', () => {
  afterEach(() => jest.useRealTimers());

  it('ends early when aborted, its timer cleared', async () => {
    // Fake timers: no time passes, so only the abort can end the sleep (a wall-clock bound
    // would flake on a busy machine and pass for a sleep that ignored the signal but was short).
    jest.useFakeTimers();
    const abort = new AbortController();
    const done = sleep(10_000, abort.signal);
    expect(jest.getTimerCount()).toBe(1);
    abort.abort();
    await done;
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ends when its time is up', async () => {
    jest.useFakeTimers();
    const done = sleep(10_000, new AbortController().signal);
    jest.advanceTimersByTime(10_000);
    await done;
    expect(jest.getTimerCount()).toBe(0);
  });
});
