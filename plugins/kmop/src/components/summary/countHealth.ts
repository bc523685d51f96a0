import type { KmopHealth, KmopItemBase } from '@kmop/plugin-kmop-common';

export const HEALTH_ORDER: KmopHealth[] = [
  'ok',
  'progressing',
  'degraded',
  'unknown',
];

/** How many items are in each health. */
export function countHealth(
  items: readonly KmopItemBase[],
): Record<KmopHealth, number> {
  const counts: Record<KmopHealth, number> = {
    ok: 0,
    progressing: 0,
    degraded: 0,
    unknown: 0,
  };
  for (const item of items) {
    counts[HEALTH_ORDER.includes(item.health) ? item.health : 'unknown'] += 1;
  }
  return counts;
}
