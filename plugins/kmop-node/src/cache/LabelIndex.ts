import { addTo, removeFrom } from './ResourceKeyedIndex';

/**
 * Object keys by label, as label name → value → keys. Nested rather than keyed by a
 * joined `name=value`: building and hashing a new string for every label of every object
 * was about a fifth of a cold sync's CPU (issue #17); names and values are looked up as
 * they come from the parsed object.
 */
export class LabelIndex {
  private readonly byName = new Map<string, Map<string, Set<string>>>();

  /** Adds `key` under each of the labels. */
  add(labels: Record<string, string>, key: string): void {
    for (const name in labels) {
      if (!Object.hasOwn(labels, name)) continue;
      let byValue = this.byName.get(name);
      if (!byValue) {
        byValue = new Map();
        this.byName.set(name, byValue);
      }
      addTo(byValue, labels[name], key);
    }
  }

  /** Removes `key` from under each of the labels (as given when it was added). */
  remove(labels: Record<string, string>, key: string): void {
    for (const name in labels) {
      if (!Object.hasOwn(labels, name)) continue;
      const byValue = this.byName.get(name);
      if (!byValue) continue;
      removeFrom(byValue, labels[name], key);
      if (byValue.size === 0) this.byName.delete(name);
    }
  }

  /** The keys of objects labelled `name=value`. */
  get(name: string, value: string): Set<string> | undefined {
    return this.byName.get(name)?.get(value);
  }
}
