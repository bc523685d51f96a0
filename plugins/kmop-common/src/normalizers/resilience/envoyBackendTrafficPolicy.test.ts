import { backendTrafficPolicies } from '../__fixtures__';
import { normalizeEnvoyBackendTrafficPolicy } from './envoyBackendTrafficPolicy';

const ctx = { cluster: 'edge' };

describe('normalizeEnvoyBackendTrafficPolicy', () => {
  it('summarises retry, timeout, circuit breaker (with defaults) and rate limits', () => {
    const [p] = normalizeEnvoyBackendTrafficPolicy(
      backendTrafficPolicies.healthy,
      ctx,
    );
    expect(p.target).toBe('HTTPRoute payments');
    expect(p.settings.map(s => [s.type, s.summary])).toEqual([
      [
        'retry',
        '5 retries on connect-failure,retriable-status-codes,500,503, 250ms per try, backoff 100ms–10s',
      ],
      ['timeout', 'request timeout 30s, connect timeout 10s, idle timeout 60s'],
      [
        'circuitBreaker',
        'max 2048 connections, 1024 pending requests (default), 512 parallel requests, 1024 parallel retries (default)',
      ],
      [
        'rateLimit',
        'global 10/Hour per matching client (1 selector); 1000/Second',
      ],
    ]);
  });

  it('is ok but flagged when a route-level policy overrides it', () => {
    const [p] = normalizeEnvoyBackendTrafficPolicy(
      backendTrafficPolicies.healthy,
      ctx,
    );
    expect(p.health).toBe('ok');
    expect(p.healthReason).toBe(
      'Accepted for Gateway infra/public (section https)',
    );
    expect(p.badges).toEqual(['overridden']);
  });

  it('is unknown before any ancestor reports (one rule for all kinds)', () => {
    const [p] = normalizeEnvoyBackendTrafficPolicy(
      backendTrafficPolicies.progressing,
      ctx,
    );
    expect(p.health).toBe('unknown');
    expect(p.healthReason).toBe(
      'No gateway controller has reported on this policy yet',
    );
  });

  it('is degraded when not accepted', () => {
    const [p] = normalizeEnvoyBackendTrafficPolicy(
      backendTrafficPolicies.degraded,
      ctx,
    );
    expect(p.health).toBe('degraded');
    expect(p.healthReason).toBe(
      'Not accepted for Gateway infra/public (section https): Accepted=False (Invalid): Retry: numRetries must be >= 0',
    );
  });

  it('is unknown when an ancestor has no conditions', () => {
    expect(
      normalizeEnvoyBackendTrafficPolicy(backendTrafficPolicies.unknown, ctx)[0]
        .health,
    ).toBe('unknown');
  });

  it('is progressing when the ancestor status is for an older generation', () => {
    const p = structuredClone(backendTrafficPolicies.degraded);
    p.metadata.generation = 3;
    expect(normalizeEnvoyBackendTrafficPolicy(p, ctx)[0].health).toBe(
      'progressing',
    );
  });

  it('defaults numRetries to 2 and flags the deprecated targetRef', () => {
    const p = structuredClone(backendTrafficPolicies.healthy);
    Object.assign(p.spec, {
      targetRefs: undefined,
      targetRef: { kind: 'Gateway', name: 'public' },
    });
    p.spec.retry = {} as never;
    const [item] = normalizeEnvoyBackendTrafficPolicy(p, ctx);
    expect(item.settings[0].summary).toBe('2 retries (default)');
    expect(item.settings[0].defaults).toEqual(['numRetries']);
    expect(item.target).toBe('Gateway public');
    expect(item.badges).toContain('deprecated: targetRef');
  });
});
