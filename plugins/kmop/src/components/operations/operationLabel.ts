import type { KmopOperationName } from '@kmop/plugin-kmop-common';

const LABELS: Record<KmopOperationName, string> = {
  promote: 'Promote',
  'promote-full': 'Promote full',
  abort: 'Abort',
  retry: 'Retry',
  pause: 'Pause',
  resume: 'Resume',
  restart: 'Restart',
  suspend: 'Suspend',
};

/** The button label of an operation. */
export function operationLabel(operation: KmopOperationName): string {
  return LABELS[operation] ?? operation;
}

/** Operations that let more of the new version through: the ones a burning SLO argues against. */
export const ADVANCING: ReadonlySet<KmopOperationName> = new Set([
  'promote',
  'promote-full',
  'resume',
  'retry',
]);
