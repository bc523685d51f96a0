import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { deployment } from '../readiness/__fixtures__/objects';
import { ALL_FIXTURES } from './__fixtures__';
import { isRecord } from './access';
import {
  METADATA_READ,
  SPEC_NOT_READ,
  fieldsToNormalize,
} from './fieldsToNormalize';
import { normalizeObject } from './registry';

const ctx = { cluster: 'prod' };
type Key = string | number;

// The demo's objects, as `yarn start` and `yarn bench` serve them.
const ROOT = path.resolve(__dirname, '../../../..');
const CLUSTER_OBJECTS: [string, object][] = fs
  .readdirSync(path.join(ROOT, 'examples/cluster'))
  .filter(f => f.endsWith('.yaml'))
  .flatMap(file =>
    YAML.parseAllDocuments(
      fs.readFileSync(path.join(ROOT, 'examples/cluster', file), 'utf8'),
    )
      .map(d => d.toJSON())
      .filter(isRecord)
      .map((o): [string, object] => [`${file} ${o.kind}`, o]),
  );

/** What a cluster adds to every object, none of which a normalizer reads. */
function asServed(object: object): Record<string, any> {
  const served = structuredClone(object) as Record<string, any>;
  served.metadata = {
    uid: '6ed6558c-28dd-46bc-a87e-8cfc7cf42225',
    creationTimestamp: '2026-12-06T15:37:04Z',
    finalizers: ['example.com/cleanup'],
    resourceVersion: '27',
    ...served.metadata,
  };
  return served;
}

const OBJECTS: [string, object][] = [
  ...ALL_FIXTURES,
  ...CLUSTER_OBJECTS,
  ['readiness deployment', deployment()],
].map(([name, object]) => [name, asServed(object)]);

function pathsOf(value: unknown, prefix: Key[] = []): Key[][] {
  let children: [Key, unknown][] = [];
  if (Array.isArray(value)) {
    children = value.map((v, i): [Key, unknown] => [i, v]);
  } else if (isRecord(value)) children = Object.entries(value);
  return children.flatMap(([k, v]) => {
    const p = [...prefix, k];
    if (prefix.length === 0 && (k === 'apiVersion' || k === 'kind')) return [];
    return [p, ...pathsOf(v, p)];
  });
}

function replaceAt(root: object, at: readonly Key[], value: unknown) {
  const copy = structuredClone(root) as Record<Key, any>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key];
  parent[at[at.length - 1]] = value;
  return copy;
}

/** A value of another JSON type than the one there, so that the object is malformed. */
function otherType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (Array.isArray(value)) return 'not a list';
  if (isRecord(value)) return ['not an object'];
  return 'not a scalar';
}

/**
 * The object behind a proxy that records every path read, present or not (`get`, `in`,
 * `hasOwnProperty`, listing the keys): a field no fixture has is still read, and seen, when a normalizer
 * looks for it.
 */
function recordingReads(object: object, reads: string[], at = ''): object {
  return new Proxy(object, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return value;
      const where = at ? `${at}.${key}` : key;
      reads.push(where);
      return value !== null && typeof value === 'object'
        ? recordingReads(value, reads, where)
        : value;
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') reads.push(at ? `${at}.${key}` : key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    has(target, key) {
      if (typeof key === 'string') reads.push(at ? `${at}.${key}` : key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      reads.push(at ? `${at}.*` : '*');
      return Reflect.ownKeys(target);
    },
  });
}

describe('fieldsToNormalize', () => {
  // What the trim drops must be what the normalizers never look at, in any object: the
  // comparisons below only see fields the fixtures have.
  it.each(OBJECTS)('drops nothing a normalizer looks for: %s', (_, object) => {
    const reads: string[] = [];
    normalizeObject(recordingReads(object, reads), ctx);
    const { apiVersion, kind } = object as { apiVersion: string; kind: string };
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const notRead = SPEC_NOT_READ[`${group}/${kind}`] ?? [];
    const metadataRead: readonly string[] = METADATA_READ;
    const dropped = reads.filter(read => {
      const [top, field] = read.split('.');
      if (field === undefined) return false;
      if (top === 'metadata') return !metadataRead.includes(field);
      return top === 'spec' && (field === '*' || notRead.includes(field));
    });
    expect(dropped).toEqual([]);
  });

  it.each(OBJECTS)(
    'keeps every field the normalizers read: %s',
    (_, object) => {
      expect(normalizeObject(fieldsToNormalize(object), ctx)).toEqual(
        normalizeObject(object, ctx),
      );
    },
  );

  // A malformed object is read twice (the scrub probes its bad fields): the trimmed one
  // must still name the same bad fields and keep the same facts.
  it('keeps the same items for every fixture with any one field of the wrong type', () => {
    let compared = 0;
    for (const [name, object] of OBJECTS) {
      for (const at of pathsOf(object)) {
        const value = (at as Key[]).reduce<any>((o, k) => o[k], object);
        const malformed = replaceAt(object, at, otherType(value));
        const whole = normalizeObject(malformed, ctx);
        const trimmed = normalizeObject(fieldsToNormalize(malformed), ctx);
        if (JSON.stringify(trimmed) !== JSON.stringify(whole)) {
          throw new Error(`${name} with ${at.join('.')} malformed differs`);
        }
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('drops what no normalizer reads and leaves the object as it was', () => {
    const object = asServed(deployment());
    const copy = structuredClone(object);
    const trimmed = fieldsToNormalize(object) as Record<string, any>;
    expect(object).toEqual(copy);
    expect(Object.keys(trimmed.metadata).sort()).toEqual([
      'labels',
      'name',
      'namespace',
      'resourceVersion',
    ]);
    expect(trimmed.spec.template).toBeUndefined();
    expect(trimmed.spec.selector).toBeUndefined();
    expect(trimmed.spec.replicas).toBe(3);
    expect(trimmed.status).toBe(object.status);
  });

  it('keeps only the identity of kinds no view section reads', () => {
    const microservice = CLUSTER_OBJECTS.find(
      ([, o]) => (o as { kind: string }).kind === 'Microservice',
    )![1] as Record<string, any>;
    expect(fieldsToNormalize(microservice)).toEqual({
      apiVersion: microservice.apiVersion,
      kind: 'Microservice',
      metadata: {
        name: microservice.metadata.name,
        namespace: microservice.metadata.namespace,
      },
    });
  });

  it('gives back what it cannot read as it is', () => {
    for (const value of [null, 'x', [], { kind: 'Deployment' }]) {
      expect(fieldsToNormalize(value)).toBe(value);
    }
  });
});
