/** Istio's status (IstioStatus) and its health rules, docs/sources/istio-virtualservice.md. */
import { Reader, describeCondition, findCondition } from './access';
import type { HealthVerdict } from './base';
import { staleVerdict } from './health';

interface ValidationMessage {
  level?: string;
  code?: string;
  name?: string;
}

/** Analysis levels by proto enum number, for statuses that write the number (Istio ≤ 1.9). */
const LEVELS = new Map<number, string>([
  [0, 'UNKNOWN'],
  [3, 'ERROR'],
  [8, 'WARNING'],
  [12, 'INFO'],
]);

function readLevel(m: Reader): string | undefined {
  const level = m.intOrString('level');
  return typeof level === 'number' ? LEVELS.get(level) : level;
}

function readMessages(r: Reader): ValidationMessage[] {
  return r.arr('status.validationMessages').map(m => ({
    level: readLevel(m),
    code: m.str('type.code'),
    name: m.str('type.name'),
  }));
}

function label(m: ValidationMessage): string {
  return [m.code, m.name].filter(Boolean).join(' ') || 'unnamed message';
}

/** Health of an Istio networking object from its status. */
export function istioVerdict(
  r: Reader,
  generation: number | undefined,
): HealthVerdict {
  const status = r.record('status');
  const conditions = r.conditions('status.conditions');
  const messages = readMessages(r);
  if (!status || status.keys().length === 0) {
    return {
      health: 'unknown',
      reason: 'Istio wrote no status (status reporting is optional in istiod)',
    };
  }
  const reconciled = findCondition(conditions, 'Reconciled');
  const stale =
    staleVerdict(
      'istiod',
      r.intLike('status.observedGeneration'),
      generation,
    ) ?? staleVerdict('istiod', reconciled?.observedGeneration, generation);
  if (stale) return stale;
  const warnings = messages
    .filter(m => m.level === 'WARNING')
    .map(m => `warning: ${label(m)}`);
  const errors = messages.filter(m => m.level === 'ERROR');
  if (errors.length > 0) {
    return {
      health: 'degraded',
      reason: `Istio analysis found ${
        errors.length === 1 ? 'an error' : `${errors.length} errors`
      }: ${errors.map(label).join(', ')}`,
      badges: warnings,
    };
  }
  if (reconciled?.status === 'False') {
    return {
      health: 'degraded',
      reason: describeCondition(reconciled),
      badges: warnings,
    };
  }
  if (reconciled?.status === 'Unknown') {
    return {
      health: 'progressing',
      reason: describeCondition(reconciled),
      badges: warnings,
    };
  }
  if (reconciled?.status === 'True') {
    return {
      health: 'ok',
      reason: 'Reconciled by istiod',
      badges: warnings,
    };
  }
  return {
    health: 'unknown',
    reason: 'Istio reported no Reconciled condition',
    badges: warnings,
  };
}
