import { KMOP_GROUP } from '../model/constants';
import { parseApiVersion } from '../util/apiVersion';
import type {
  KmopHealth,
  KmopItemBase,
  KmopRenderedObject,
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
  KmopSource,
} from './types';

/**
 * The item lists of a view, by section.
 *
 * @public
 */
export interface KmopViewSections {
  routes: KmopRouteView[];
  slos: KmopSloView[];
  rollouts: KmopRolloutView[];
  resilience: KmopResilienceView[];
}

type Section = KmopRenderedObject['section'];

const SECTIONS: Section[] = ['routes', 'slos', 'rollouts', 'resilience'];

/** Worse first: what a person must look at. */
const SEVERITY: Record<KmopHealth, number> = {
  degraded: 0,
  unknown: 1,
  progressing: 2,
  ok: 3,
};

function objectKey(
  source: Pick<KmopSource, 'cluster' | 'namespace'>,
  apiVersion: string,
  kind: string,
  name: string,
) {
  const { group } = parseApiVersion(apiVersion);
  return [source.cluster, group, kind, source.namespace ?? '', name].join(
    '\u0000',
  );
}

function sourceKey(source: KmopSource) {
  return objectKey(source, source.apiVersion, source.kind, source.name);
}

/** The fields every item has, without the section's own. */
function baseOf(item: KmopItemBase, section: Section): KmopRenderedObject {
  const {
    id,
    source,
    health,
    healthReason,
    badges,
    generation,
    observedGeneration,
    observedGenerationField,
    defaults,
    controller,
  } = item;
  return {
    id,
    source,
    health,
    healthReason,
    badges,
    ...(generation === undefined ? {} : { generation }),
    ...(observedGeneration === undefined ? {} : { observedGeneration }),
    ...(observedGenerationField === undefined
      ? {}
      : { observedGenerationField }),
    ...(defaults === undefined ? {} : { defaults }),
    ...(controller === undefined ? {} : { controller }),
    section,
    // Operations on the owning RolloutPolicy need the rendered rollout's own state.
    ...(section === 'rollouts' ? { rollout: item as KmopRolloutView } : {}),
  };
}

/**
 * Shows a KMOP resource and what it rendered as one thing: an item whose controller is a
 * kmop.dev object that is itself in the view (same cluster and namespace, as owner references
 * are namespaced) leaves its section and is listed under that object's items as
 * `rendered`, once per object, with its own health and source. Items without such an owner
 * — a native object written by hand, or rendered from a KMOP resource the view does not
 * hold — stay where they are. Nothing is counted twice.
 *
 * @public
 */
export function nestRenderedObjects<T extends KmopViewSections>(view: T): T {
  const owners = new Set<string>();
  for (const section of SECTIONS) {
    for (const item of view[section] as KmopItemBase[]) {
      if (parseApiVersion(item.source.apiVersion).group === KMOP_GROUP) {
        owners.add(sourceKey(item.source));
      }
    }
  }
  // owner key → child object key → the child's worst item.
  const rendered = new Map<string, Map<string, KmopRenderedObject>>();
  const ownerOf = (item: KmopItemBase): string | undefined => {
    const c = item.controller;
    if (
      !c ||
      parseApiVersion(c.apiVersion).group !== KMOP_GROUP ||
      parseApiVersion(item.source.apiVersion).group === KMOP_GROUP
    ) {
      return undefined;
    }
    const key = objectKey(item.source, c.apiVersion, c.kind, c.name);
    return owners.has(key) ? key : undefined;
  };
  const result = { ...view };
  for (const section of SECTIONS) {
    const kept: KmopItemBase[] = [];
    for (const item of view[section] as KmopItemBase[]) {
      const owner = ownerOf(item);
      if (owner === undefined) {
        kept.push(item);
        continue;
      }
      let children = rendered.get(owner);
      if (!children) {
        children = new Map();
        rendered.set(owner, children);
      }
      const key = sourceKey(item.source);
      const previous = children.get(key);
      if (!previous || SEVERITY[item.health] < SEVERITY[previous.health]) {
        children.set(key, baseOf(item, section));
      }
    }
    (result as KmopViewSections)[section] = kept as never;
  }
  if (rendered.size === 0) return view;
  for (const section of SECTIONS) {
    (result as KmopViewSections)[section] = (
      result[section] as KmopItemBase[]
    ).map(item => {
      const children = rendered.get(sourceKey(item.source));
      if (!children) return item;
      const list = [...children.values()].sort(
        (a, b) =>
          a.source.kind.localeCompare(b.source.kind) ||
          a.source.name.localeCompare(b.source.name),
      );
      return { ...item, rendered: list };
    }) as never;
  }
  return result;
}

/**
 * Every item of a view, those listed under a KMOP resource included.
 *
 * @public
 */
export function allViewItems(view: KmopViewSections): KmopItemBase[] {
  const items: KmopItemBase[] = SECTIONS.flatMap(
    s => view[s] as KmopItemBase[],
  );
  const seen = new Set(items.map(i => i.id));
  for (const item of [...items]) {
    for (const child of item.rendered ?? []) {
      if (!seen.has(child.id)) {
        seen.add(child.id);
        items.push(child);
      }
    }
  }
  return items;
}
