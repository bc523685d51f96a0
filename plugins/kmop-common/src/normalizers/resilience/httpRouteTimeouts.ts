import type { KmopResilienceSetting, KmopResilienceView } from '../../view';
import type { Reader } from '../access';
import { defineNormalizer, itemBase } from '../base';
import { gatewayTimeout } from '../routes/backends';
import { readParentStatuses, routeVerdict } from '../gatewayApiStatus';
import { blankResilience, clauses, plural, scoped, setting } from './common';

function ruleSettings(
  rule: Reader,
  label: string | undefined,
): KmopResilienceSetting[] {
  const settings: KmopResilienceSetting[] = [];
  // Gateway API: a zero duration disables the timeout (`disabled`, never a 0s timeout).
  const request = gatewayTimeout(rule.str('timeouts.request'));
  const backendRequest = gatewayTimeout(rule.str('timeouts.backendRequest'));
  const text = (what: string, value: string | undefined) =>
    value &&
    (value === 'disabled' ? `no ${what} (0s disables it)` : `${what} ${value}`);
  if (request !== undefined || backendRequest !== undefined) {
    settings.push(
      setting(
        'timeout',
        clauses(
          text('request timeout', request),
          text('backend request timeout', backendRequest),
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
 *
 * @public
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
