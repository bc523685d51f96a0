import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { KmopHealth } from '@kmop/plugin-kmop-common';

/** The health word shown next to its status icon; never colour alone. */
export const HEALTH_LABELS: Record<KmopHealth, string> = {
  ok: 'OK',
  progressing: 'Progressing',
  degraded: 'Degraded',
  unknown: 'Unknown',
};

export function HealthStatus(props: { health: KmopHealth }) {
  const label = HEALTH_LABELS[props.health] ?? HEALTH_LABELS.unknown;
  switch (props.health) {
    case 'ok':
      return <StatusOK>{label}</StatusOK>;
    case 'progressing':
      return <StatusPending>{label}</StatusPending>;
    case 'degraded':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusWarning>{label}</StatusWarning>;
  }
}
