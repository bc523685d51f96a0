import { parseApiVersion } from './apiVersion';
import { isRecord } from './isRecord';

describe('parseApiVersion', () => {
  it('splits group and version', () => {
    expect(parseApiVersion('argoproj.io/v1alpha1')).toEqual({
      group: 'argoproj.io',
      version: 'v1alpha1',
    });
    expect(parseApiVersion('gateway.networking.k8s.io/v1')).toEqual({
      group: 'gateway.networking.k8s.io',
      version: 'v1',
    });
  });

  it('reads a version alone as the core group', () => {
    expect(parseApiVersion('v1')).toEqual({ group: '', version: 'v1' });
  });
});

describe('isRecord', () => {
  it('takes plain objects only', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('a')).toBe(false);
    expect(isRecord(undefined)).toBe(false);
  });
});
