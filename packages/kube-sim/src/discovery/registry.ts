import { ResourceType, resourceKey } from '../types';

/** One API group with its served versions, the preferred one first. */
export interface ApiGroupInfo {
  name: string;
  versions: string[];
}

const VERSION_PATTERN = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Orders versions the way Kubernetes does: GA before beta before alpha, higher numbers
 * first, and anything not shaped like a Kubernetes version last, alphabetically.
 */
export function compareKubeVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = VERSION_PATTERN.exec(v);
    if (!m) {
      return [3, 0, 0];
    }
    const levels: Record<string, number> = { alpha: 2, beta: 1 };
    const level = m[2] ? levels[m[2]] : 0;
    return [level, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < 3; i++) {
    if (ra[i] !== rb[i]) {
      return ra[i] - rb[i];
    }
  }
  return a.localeCompare(b);
}

/** The set of served resources, indexed for the lookups every request makes. */
export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();
  private readonly byGroupKind = new Map<string, ResourceType>();
  private readonly listeners = new Set<() => void>();
  private readonly builtinGroups: string[] = [];
  private generationCounter = 0;

  constructor(builtins: ResourceType[]) {
    for (const type of builtins) {
      this.put(type);
      if (!this.builtinGroups.includes(type.group)) {
        this.builtinGroups.push(type.group);
      }
    }
  }

  /** Bumped on every change; discovery and OpenAPI replies are cached against it. */
  get generation() {
    return this.generationCounter;
  }

  /** Adds or replaces a resource. */
  put(type: ResourceType) {
    const previous = this.byKey.get(resourceKey(type));
    if (previous) {
      this.byGroupKind.delete(`${previous.group}/${previous.kind}`);
    }
    this.byKey.set(resourceKey(type), type);
    this.byGroupKind.set(`${type.group}/${type.kind}`, type);
    this.changed();
  }

  /** Removes a resource (used when its CRD is deleted). */
  remove(type: ResourceType) {
    if (this.byKey.delete(resourceKey(type))) {
      this.byGroupKind.delete(`${type.group}/${type.kind}`);
      this.changed();
    }
  }

  /** The resource with this plural, served at this group and version. */
  find(group: string, version: string, plural: string) {
    const type = this.byKey.get(`${group}/${plural}`);
    return type && type.versions.includes(version) ? type : undefined;
  }

  /** The resource of this group and plural, at any version. */
  findByKey(key: string) {
    return this.byKey.get(key);
  }

  /** The resource of this kind, served at this group and version. */
  findByKind(group: string, version: string, kind: string) {
    const type = this.byGroupKind.get(`${group}/${kind}`);
    return type && type.versions.includes(version) ? type : undefined;
  }

  /** All resources served at a group and version, in registration order. */
  resourcesOf(group: string, version: string): ResourceType[] {
    return this.all().filter(
      t => t.group === group && t.versions.includes(version),
    );
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  /** Groups other than the core group: built-in groups first, then the rest by name. */
  groups(): ApiGroupInfo[] {
    const versions = new Map<string, Set<string>>();
    for (const type of this.byKey.values()) {
      if (!type.group) {
        continue;
      }
      const set = versions.get(type.group) ?? new Set<string>();
      type.versions.forEach(v => set.add(v));
      versions.set(type.group, set);
    }
    const order = (name: string) => {
      const i = this.builtinGroups.indexOf(name);
      return i < 0 ? this.builtinGroups.length : i;
    };
    return [...versions.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([name, set]) => ({
        name,
        versions: [...set].sort(compareKubeVersions),
      }));
  }

  /** Calls `listener` whenever the set of resources changes; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    this.generationCounter++;
    this.listeners.forEach(l => l());
  }
}
