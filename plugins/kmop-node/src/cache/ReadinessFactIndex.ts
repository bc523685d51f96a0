import {
  KmopEntityTarget,
  ReadinessFact,
  extractReadinessFact,
  matchesLabelSelector,
  parseLabelSelector,
} from '@kmop/plugin-kmop-common';
import { LabelIndex } from './LabelIndex';
import { ResourceKeyedIndex, addTo, removeFrom } from './ResourceKeyedIndex';
import { KubeObject } from './types';

/**
 * What readiness reads for one service: its own facts and those of its namespaces.
 *
 * @public
 */
export interface ReadinessFactLookup {
  /** Facts of objects that belong to the target (workloads, route auth). */
  facts: ReadinessFact[];
  /** Facts of the namespaces (per cluster) the target's workloads run in. */
  neighbours: ReadinessFact[];
}

const NAME_LABEL = 'app.kubernetes.io/name';

// Fact types found through the service's labels; the rest (Services, NetworkPolicies,
// monitors, ConfigMaps, claims) are matched by selector or name within a namespace.
const OWN_TYPES = new Set<ReadinessFact['type']>(['workload', 'routeAuth']);

/**
 * The readiness facts of every cached object, indexed by namespace and (for a service's
 * own objects) by label and serviceRef. Objects are reduced to facts once, when they
 * change; nothing else of them is kept here.
 */
export class ReadinessFactIndex extends ResourceKeyedIndex {
  private readonly facts = new Map<string, ReadinessFact>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly byLabel = new LabelIndex();
  private readonly byServiceRef = new Map<string, Set<string>>();

  /** Number of objects with facts. */
  get size(): number {
    return this.facts.size;
  }

  /** The target's facts and its namespaces' facts; never calls a cluster. */
  lookup(target: KmopEntityTarget): ReadinessFactLookup {
    const candidates = new Set<string>();
    const addAll = (keys?: Set<string>) =>
      keys?.forEach(k => candidates.add(k));
    if (target.serviceName) {
      addAll(this.byServiceRef.get(target.serviceName));
      addAll(this.byLabel.get(NAME_LABEL, target.serviceName));
    }
    const selector = target.labelSelector
      ? parseLabelSelector(target.labelSelector)
      : undefined;
    if (selector) {
      for (const r of selector) {
        if (r.operator !== 'In' && r.operator !== 'Equals') continue;
        for (const v of r.values) addAll(this.byLabel.get(r.key, v));
      }
    }
    const facts: ReadinessFact[] = [];
    for (const key of candidates) {
      const fact = this.facts.get(key);
      if (!fact) continue;
      if (target.cluster && fact.cluster !== target.cluster) continue;
      if (target.namespace && fact.namespace !== target.namespace) continue;
      const byName =
        target.serviceName !== undefined &&
        (fact.serviceRef === target.serviceName ||
          fact.labels[NAME_LABEL] === target.serviceName);
      if (
        !byName &&
        !(selector && matchesLabelSelector(fact.labels, selector))
      ) {
        continue;
      }
      facts.push(fact);
    }
    const namespaces = new Set(
      facts
        .filter(f => f.type === 'workload')
        .map(f => `${f.cluster}\u0000${f.namespace}`),
    );
    const neighbours: ReadinessFact[] = [];
    for (const ns of namespaces) {
      for (const key of this.byNamespace.get(ns) ?? []) {
        const fact = this.facts.get(key);
        if (fact) neighbours.push(fact);
      }
    }
    return { facts, neighbours };
  }

  protected put(
    resourceKey: string,
    key: string,
    cluster: string,
    object: KubeObject,
  ) {
    this.delete(resourceKey, key);
    const fact = extractReadinessFact(object, cluster);
    if (!fact) return;
    this.facts.set(key, fact);
    addTo(this.byResource, resourceKey, key);
    addTo(this.byNamespace, `${cluster}\u0000${fact.namespace}`, key);
    if (OWN_TYPES.has(fact.type)) {
      this.byLabel.add(fact.labels, key);
      if (fact.serviceRef) addTo(this.byServiceRef, fact.serviceRef, key);
    }
  }

  protected delete(resourceKey: string, key: string) {
    const fact = this.facts.get(key);
    if (!fact) return;
    this.facts.delete(key);
    removeFrom(this.byResource, resourceKey, key);
    removeFrom(this.byNamespace, `${fact.cluster}\u0000${fact.namespace}`, key);
    this.byLabel.remove(fact.labels, key);
    if (fact.serviceRef) removeFrom(this.byServiceRef, fact.serviceRef, key);
  }
}
