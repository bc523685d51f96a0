import type { KmopEntityView, KmopHealth } from '@kmop/plugin-kmop-common';

/** Health of one section of a view, or `none` when it has no items. */
export type SectionHealth = KmopHealth | 'none';

/** A view reduced to what a list needs. */
export interface ViewSummary {
  health: KmopHealth;
  sections: Record<
    'routes' | 'slos' | 'rollouts' | 'resilience',
    { health: SectionHealth; count: number; counts: Record<KmopHealth, number> }
  >;
  /** Clusters in error, by name. */
  clusterErrors: string[];
}

const SEVERITY: Record<KmopHealth, number> = {
  ok: 0,
  unknown: 1,
  progressing: 2,
  degraded: 3,
};

function worst(healths: KmopHealth[]): KmopHealth | undefined {
  return healths.reduce<KmopHealth | undefined>(
    (w, h) => (w === undefined || SEVERITY[h] > SEVERITY[w] ? h : w),
    undefined,
  );
}

/**
 * Per-section health (the worst of its items) and the entity's health: the
 * worst of its sections, or `unknown` when nothing was found for it.
 */
export function summarizeView(view: KmopEntityView): ViewSummary {
  const section = (items: { health: KmopHealth }[]) => {
    const counts = { ok: 0, progressing: 0, degraded: 0, unknown: 0 };
    for (const item of items) counts[item.health] += 1;
    return {
      health: worst(items.map(i => i.health)) ?? ('none' as const),
      count: items.length,
      counts,
    };
  };
  const sections = {
    routes: section(view.routes),
    slos: section(view.slos),
    rollouts: section(view.rollouts),
    resilience: section(view.resilience),
  };
  const all = [
    ...view.routes,
    ...view.slos,
    ...view.rollouts,
    ...view.resilience,
  ];
  return {
    health: worst(all.map(i => i.health)) ?? 'unknown',
    sections,
    clusterErrors: view.clusters
      .filter(c => c.state === 'error')
      .map(c => c.name),
  };
}
