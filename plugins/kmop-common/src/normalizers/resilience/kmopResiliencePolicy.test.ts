import { resiliencePolicies } from '../__fixtures__';
import { normalizeKmopResiliencePolicy } from './kmopResiliencePolicy';

const ctx = { cluster: 'prod' };

describe('normalizeKmopResiliencePolicy', () => {
  it('summarises every setting in one line with its values', () => {
    const [p] = normalizeKmopResiliencePolicy(resiliencePolicies.healthy, ctx);
    expect(p.health).toBe('ok');
    expect(p.target).toBe('payments');
    expect(p.settings.map(s => [s.type, s.summary])).toEqual([
      ['timeout', 'request timeout 10s, connect timeout 1s'],
      [
        'retry',
        '3 attempts on 5xx,reset,connect-failure, 2s per try, backoff 25ms–250ms',
      ],
      [
        'circuitBreaker',
        'eject after 5 consecutive errors, for 30s, checked every 10s, at most 50% ejected, max 100 connections, 10 pending requests',
      ],
      ['rateLimit', '100 requests per Second'],
      ['bulkhead', '50 concurrent requests, 10 queued'],
      ['disruptionBudget', 'at least 1 available'],
    ]);
    expect(p.settings[1].values).toEqual({
      attempts: 3,
      retryOn: '5xx,reset,connect-failure',
      perTryTimeout: '2s',
      backoffBaseInterval: '25ms',
      backoffMaxInterval: '250ms',
    });
  });

  it('is progressing while the operator has not observed the generation', () => {
    expect(
      normalizeKmopResiliencePolicy(resiliencePolicies.progressing, ctx)[0]
        .health,
    ).toBe('progressing');
  });

  it('is degraded when the operator cannot apply it', () => {
    const [p] = normalizeKmopResiliencePolicy(resiliencePolicies.degraded, ctx);
    expect(p.health).toBe('degraded');
    expect(p.healthReason).toBe(
      'Ready=False (MeshNotFound): no Istio or Envoy Gateway found to apply the policy',
    );
  });

  it('is unknown without a status', () => {
    expect(
      normalizeKmopResiliencePolicy(resiliencePolicies.unknown, ctx)[0].health,
    ).toBe('unknown');
  });

  it('says when retries are off', () => {
    const p = structuredClone(resiliencePolicies.healthy);
    p.spec.retries.attempts = 0;
    expect(normalizeKmopResiliencePolicy(p, ctx)[0].settings[1].summary).toBe(
      'retries off',
    );
  });
});
