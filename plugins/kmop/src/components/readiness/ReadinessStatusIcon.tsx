import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { ReadinessStatus } from '@kmop/plugin-kmop-common';

/** Status words, shown beside the icon: never colour alone. */
export const READINESS_STATUS_LABELS: Record<ReadinessStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  notApplicable: 'Not applicable',
};

export function ReadinessStatusIcon(props: { status: ReadinessStatus }) {
  const label = READINESS_STATUS_LABELS[props.status];
  switch (props.status) {
    case 'pass':
      return <StatusOK>{label}</StatusOK>;
    case 'warn':
      return <StatusWarning>{label}</StatusWarning>;
    case 'fail':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}

/** The score as a percentage, or a dash with the reason when no check applies. */
export function formatScore(score?: number): string {
  return score === undefined ? '—' : `${Math.round(score * 100)}%`;
}
