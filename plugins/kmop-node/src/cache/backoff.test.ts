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
  it('ends early when aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const done = sleep(10_000, abort.signal);
    abort.abort();
    await done;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
