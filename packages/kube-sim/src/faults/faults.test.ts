import { DownMode, Faults, malformJson } from './faults';

function setup(randomValues: number[] = []) {
  const calls: string[] = [];
  const faults = new Faults(
    {
      endWatches: afterMs =>
        calls.push(afterMs === undefined ? 'end now' : `end after ${afterMs}`),
      setDown: async (mode: DownMode | undefined) => {
        calls.push(`down ${mode ?? 'up'}`);
      },
    },
    () => randomValues.shift() ?? 0,
  );
  return { faults, calls };
}

describe('Faults', () => {
  it('fires an error fault at its rate, for its target or for every resource', () => {
    const { faults } = setup([0.2, 0.7, 0.9]);
    faults.addError({
      status: 503,
      rate: 0.5,
      target: { group: 'apps', resource: 'deployments' },
    });
    expect(faults.errorFor('', 'pods')).toBeUndefined();
    expect(faults.errorFor('apps', 'deployments')?.status).toBe(503);
    expect(faults.errorFor('apps', 'deployments')).toBeUndefined();
    faults.addError({ status: 500, rate: 1 });
    expect(faults.errorFor('', 'pods')?.status).toBe(500);
    faults.clearErrors();
    expect(faults.errorFor('', 'pods')).toBeUndefined();
  });

  it('keeps forbidden and malformed targets until cleared', () => {
    const { faults } = setup();
    faults.forbid({ group: '', resource: 'secrets' });
    faults.malform({ group: 'argoproj.io', resource: 'rollouts' });
    expect(faults.isForbidden('', 'secrets')).toBe(true);
    expect(faults.isForbidden('', 'configmaps')).toBe(false);
    expect(faults.isMalformed('argoproj.io', 'rollouts')).toBe(true);
    faults.clearForbidden();
    faults.clearMalformed();
    expect(faults.isForbidden('', 'secrets')).toBe(false);
    expect(faults.isMalformed('argoproj.io', 'rollouts')).toBe(false);
  });

  it('ends watches now or limits their lifetime, and takes the cluster down and up', async () => {
    const { faults, calls } = setup();
    faults.dropWatches();
    faults.dropWatches({ afterMs: 250 });
    expect(faults.watchDropAfterMs).toBe(250);
    await faults.down('reset');
    expect(faults.state()).toEqual({
      latencyMs: 0,
      errors: [],
      forbidden: [],
      malformed: [],
      watchDropAfterMs: 250,
      down: 'reset',
    });
    faults.setLatency(20);
    await faults.clear();
    expect(faults.state()).toEqual({
      latencyMs: 0,
      errors: [],
      forbidden: [],
      malformed: [],
    });
    expect(calls).toEqual([
      'end now',
      'end after 250',
      'down reset',
      'down up',
    ]);
  });

  it('delays watch events until cleared', async () => {
    const { faults } = setup();
    faults.setWatchLatency(300);
    expect(faults.watchLatencyMs).toBe(300);
    expect(faults.state()).toMatchObject({ watchLatencyMs: 300 });
    await faults.clear();
    expect(faults.watchLatencyMs).toBe(0);
    expect(faults.state()).not.toHaveProperty('watchLatencyMs');
  });

  it('comes back up by itself after forMs', async () => {
    jest.useFakeTimers();
    try {
      const { faults, calls } = setup();
      await faults.down('refuse', { forMs: 1000 });
      expect(faults.downState).toBe('refuse');
      await jest.advanceTimersByTimeAsync(1000);
      expect(faults.downState).toBeUndefined();
      expect(calls).toEqual(['down refuse', 'down up']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects bad input with a message naming the field', async () => {
    const { faults } = setup();
    expect(() => faults.setLatency(-1)).toThrow(
      'latencyMs must be a non-negative number',
    );
    expect(() => faults.addError({ status: 200, rate: 1 })).toThrow(
      'errors[].status',
    );
    expect(() => faults.addError({ status: 500, rate: 2 })).toThrow(
      'errors[].rate',
    );
    expect(() => faults.forbid({ group: 'apps', resource: '' })).toThrow(
      'forbidden[]',
    );
    expect(() => faults.dropWatches({ afterMs: Number.NaN })).toThrow(
      'dropWatches.afterMs',
    );
    expect(() => faults.setWatchLatency(-5)).toThrow(
      'watchLatencyMs must be a non-negative number',
    );
    await expect(faults.down('sideways' as DownMode)).rejects.toThrow(
      'down.mode',
    );
  });

  it('makes JSON unparseable', () => {
    expect(() =>
      JSON.parse(malformJson('{"kind":"List","items":[]}')),
    ).toThrow();
  });
});
