import { isDuration, parseDuration, tryParseDuration } from './parse';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  describe('kmop: the KMOP contract (one whole number > 0, one unit)', () => {
    it.each([
      ['250ms', 250],
      ['30s', 30 * SECOND],
      ['5m', 5 * MINUTE],
      ['1h', HOUR],
      ['30d', 30 * DAY],
    ])('%s is %d ms', (text, ms) => {
      expect(parseDuration(text, 'kmop')).toBe(ms);
    });

    it.each([
      '30 s',
      '5x',
      '',
      '-1m',
      '0s',
      '1h30m',
      '1.5h',
      '05m',
      '4w',
      ' 5m',
    ])('refuses %j', text => {
      expect(isDuration(text, 'kmop')).toBe(false);
    });

    it('takes weeks only in windows', () => {
      expect(parseDuration('4w', 'kmopWindow')).toBe(28 * DAY);
      expect(isDuration('4w', 'kmop')).toBe(false);
      expect(isDuration('4 w', 'kmopWindow')).toBe(false);
    });
  });

  // Flagger `analysis.interval`, Istio `timeout` / `perTryTimeout` / `baseEjectionTime`,
  // Envoy Gateway `metav1.Duration` fields, Argo Rollouts step durations.
  describe('go: time.ParseDuration', () => {
    it.each([
      ['1h30m', HOUR + 30 * MINUTE],
      ['500ms', 500],
      ['1.5s', 1500],
      ['.5s', 500],
      ['1.s', SECOND],
      ['2h45m30.5s', 2 * HOUR + 45 * MINUTE + 30.5 * SECOND],
      ['1500us', 1.5],
      ['1500µs', 1.5],
      ['1500μs', 1.5],
      ['2000000ns', 2],
      ['0', 0],
      ['0s', 0],
      ['30m1h', HOUR + 30 * MINUTE],
      ['1m1m', 2 * MINUTE],
    ])('%s is %d ms', (text, ms) => {
      expect(parseDuration(text, 'go')).toBeCloseTo(ms, 9);
    });

    it.each(['', '30', '1d', '4w', '1y', '-5m', '+5m', '5 m', '.s', '5M', 's'])(
      'refuses %j (days, weeks and bare numbers are not Go; signs never taken)',
      text => {
        expect(isDuration(text, 'go')).toBe(false);
      },
    );
  });

  // HTTPRoute `timeouts.request` / `backendRequest`, GRPCRoute and Envoy Gateway `gwapiv1.Duration`.
  describe('gatewayApi: GEP-2257', () => {
    it.each([
      ['10s', 10 * SECOND],
      ['1h30m', HOUR + 30 * MINUTE],
      ['0s', 0],
      ['99999ms', 99_999],
      ['1h1m1s1ms', HOUR + MINUTE + SECOND + 1],
    ])('%s is %d ms', (text, ms) => {
      expect(parseDuration(text, 'gatewayApi')).toBe(ms);
    });

    it.each(['0', '1.5s', '100000ms', '1d', '1h1m1s1ms1h', '500us'])(
      'refuses %j',
      text => {
        expect(isDuration(text, 'gatewayApi')).toBe(false);
      },
    );
  });

  // Sloth `timeWindow` / Pyrra `window`, PromQL ranges in Flagger metric templates.
  describe('prometheus: model.ParseDuration', () => {
    it.each([
      ['30d', 30 * DAY],
      ['28d', 28 * DAY],
      ['4w', 28 * DAY],
      ['1d', DAY],
      ['1w', 7 * DAY],
      ['1y', 365 * DAY],
      ['1h30m', HOUR + 30 * MINUTE],
      ['5m', 5 * MINUTE],
      ['250ms', 250],
      ['1y1w1d1h1m1s1ms', 365 * DAY + 8 * DAY + HOUR + MINUTE + SECOND + 1],
      ['0', 0],
      ['0s', 0],
    ])('%s is %d ms', (text, ms) => {
      expect(parseDuration(text, 'prometheus')).toBe(ms);
    });

    it.each(['', '30', '1.5h', '30m1h', '1h1h', '5 m', '1ns', '5M', 'd'])(
      'refuses %j (fractions, repeats and smaller-before-larger are not Prometheus)',
      text => {
        expect(isDuration(text, 'prometheus')).toBe(false);
      },
    );
  });

  describe('argoPause: Argo Rollouts `pause.duration`', () => {
    it.each([
      ['30', 30 * SECOND],
      ['0', 0],
      ['30s', 30 * SECOND],
      ['1h', HOUR],
      ['1m30s', 90 * SECOND],
    ])('%s is %d ms', (text, ms) => {
      expect(parseDuration(text, 'argoPause')).toBe(ms);
    });

    it.each(['', '1d', '-30', '30 s'])('refuses %j', text => {
      expect(isDuration(text, 'argoPause')).toBe(false);
    });
  });

  it('names the text and what was expected when it refuses one', () => {
    expect(() => parseDuration('1h30m', 'kmop')).toThrow(SyntaxError);
    expect(() => parseDuration('1h30m', 'kmop')).toThrow(
      'Invalid duration "1h30m": expected a duration such as 30s, 5m or 1h',
    );
    expect(() => parseDuration('1.5h', 'prometheus')).toThrow(
      'Invalid duration "1.5h": expected a Prometheus duration',
    );
  });

  it('refuses a duration too large to represent', () => {
    expect(() => parseDuration(`${'9'.repeat(400)}d`, 'prometheus')).toThrow(
      RangeError,
    );
  });
});

describe('tryParseDuration', () => {
  it('returns undefined instead of throwing', () => {
    expect(tryParseDuration('6h', 'prometheus')).toBe(6 * HOUR);
    expect(tryParseDuration('six hours', 'prometheus')).toBeUndefined();
    expect(tryParseDuration(42, 'argoPause')).toBeUndefined();
    expect(tryParseDuration(undefined, 'go')).toBeUndefined();
  });
});
