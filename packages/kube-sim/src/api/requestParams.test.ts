import { ApiError } from '../errors';
import {
  decodeContinue,
  dryRunOf,
  encodeContinue,
  intParam,
  isTrue,
} from './requestParams';

describe('request parameters', () => {
  it('round-trips continue tokens in the Kubernetes format and rejects forged ones', () => {
    const token = encodeContinue(42, 'shop/web');
    expect(JSON.parse(Buffer.from(token, 'base64').toString())).toEqual({
      v: 'meta.k8s.io/v1',
      rv: 42,
      start: 'shop/web\u0000',
    });
    expect(decodeContinue(token)).toEqual({ rv: 42, after: 'shop/web' });
    for (const forged of [
      '',
      'not base64 json',
      Buffer.from('{"rv":"1","start":"x"}').toString('base64'),
    ]) {
      expect(() => decodeContinue(forged)).toThrow(ApiError);
    }
  });

  it('reads dryRun, integers and booleans', () => {
    expect(dryRunOf(new URLSearchParams('dryRun=All'))).toBe(true);
    expect(dryRunOf(new URLSearchParams(''))).toBe(false);
    expect(() => dryRunOf(new URLSearchParams('dryRun=Server'))).toThrow(
      'Invalid dry run value',
    );
    expect(intParam(new URLSearchParams('limit=500'), 'limit')).toBe(500);
    expect(intParam(new URLSearchParams('limit='), 'limit')).toBeUndefined();
    expect(() => intParam(new URLSearchParams('limit=-1'), 'limit')).toThrow(
      'limit: invalid value',
    );
    expect([
      isTrue('true'),
      isTrue('1'),
      isTrue('false'),
      isTrue(null),
    ]).toEqual([true, true, false, false]);
  });
});
