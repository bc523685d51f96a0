import { pauseDurationMs } from './duration';

describe('pauseDurationMs', () => {
  it('reads the durations Argo Rollouts accepts', () => {
    expect(pauseDurationMs(30)).toBe(30_000);
    expect(pauseDurationMs('45')).toBe(45_000);
    expect(pauseDurationMs('30s')).toBe(30_000);
    expect(pauseDurationMs('10m')).toBe(600_000);
    expect(pauseDurationMs('1h30m')).toBe(5_400_000);
    expect(pauseDurationMs('500ms')).toBe(500);
  });

  it('is undefined for an indefinite pause or an unreadable duration', () => {
    expect(pauseDurationMs(undefined)).toBeUndefined();
    expect(pauseDurationMs('soon')).toBeUndefined();
    expect(pauseDurationMs('10 m')).toBeUndefined();
    expect(pauseDurationMs(-1)).toBeUndefined();
  });
});
