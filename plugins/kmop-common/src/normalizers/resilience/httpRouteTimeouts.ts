import type { KmopResilienceSetting, KmopResilienceView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { readParentStatuses, routeVerdict } from '../gatewayApiStatus';
import { blankResilience, clauses, plural, scoped, setting } from './common';

function ruleSettings(
  rule: Reader,
  label: string | undefined,
): KmopResilienceSetting[] {
  const settings: KmopResilienceSetting[] = [];
  const request = rule.str('timeouts.request');
  const backendRequest = rule.str('timeouts.backendRequest');
  if (request !== undefined || backendRequest !== undefined) {
    settings.push(
      setting(
        'timeout',
        clauses(
          request && `request timeout ${request}`,
          backendRequest && `backend request timeout ${backendRequest}`,
        ),
        { request, backendRequest },
      ),
    );
  }
  // spec.rules[].retry is experimental-channel only (Gateway API v1.2+).
  const retry = rule.record('retry');
  if (retry) {
    const attempts = retry.int('attempts');
    const codes = retry
      .list('codes')
      .filter((c): c is number => Number.isSafeInteger(c))
      .join(',');
    const backoff = retry.str('backoff');
    settings.push(
      setting(
        'retry',
        clauses(
          `${
            attempts === undefined
              ? 'retries (attempts set by the implementation)'
              : plural(attempts, 'attempt')
          }${codes ? ` on ${codes}` : ''}`,
          backoff && `backoff ${backoff}`,
        ),
        { attempts, codes: codes || undefined, backoff, experimental: true },
      ),
    );
  }
  return settings.map(s => scoped(label, s));
}

/**
 * Gateway API HTTPRoute → a resilience item for its rule timeouts and retries; none when no
 * rule sets either.
 */
export const normalizeHttpRouteTimeouts = defineNormalizer<KmopResilienceView>({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  blank: blankResilience,
  build: (r, meta) => {
    const rules = r.arr('spec.rules');
    const settings = rules.flatMap((rule, i) =>
      ruleSettings(
        rule,
        rules.length > 1 ? `rule ${rule.str('name') ?? i + 1}` : undefined,
      ),
    );
    if (settings.length === 0) return [];
    const backends = [
      ...new Set(
        rules.flatMap(rule =>
          rule
            .arr('backendRefs')
            .map(b => b.str('name'))
            .filter((n): n is string => Boolean(n)),
        ),
      ),
    ];
    const verdict = routeVerdict(
      readParentStatuses(r, 'status.parents', 'parentRef'),
      meta.generation,
    );
    return [
      {
        ...itemBase(meta, verdict),
        target: backends.length > 0 ? backends.join(', ') : undefined,
        settings,
      },
    ];
  },
});
