import type {
  KmopHealth,
  KmopItemBase,
  KmopOwnerRef,
  KmopSource,
} from '../view';
import { Reader, isRecord, typeName } from './access';
import { withoutDerivedFacts } from './scrub';

/**
 * What a normalizer knows besides the object itself.
 *
 * @public
 */
export interface NormalizeContext {
  /** Cluster name as configured in `kubernetes.clusterLocatorMethods`. */
  cluster: string;
}

/**
 * Turns one object of a source kind into view items; never throws.
 *
 * @public
 */
export type Normalizer<T extends KmopItemBase> = (
  obj: unknown,
  ctx: NormalizeContext,
) => T[];

/** The parts of an object every normalizer needs. */
export interface ObjectMeta {
  source: KmopSource;
  /** Item id of the object (see {@link itemId}). */
  id: string;
  generation?: number;
  /** The generation the controller last reported on, when it reported one. */
  observedGeneration?: number;
  /** See {@link KmopItemBase.observedGenerationField}. */
  observedGenerationField?: 'none' | 'optional';
  /** See {@link KmopItemBase.controller}. */
  controller?: KmopOwnerRef;
}

/** A health verdict with the reason a person reads. */
export interface HealthVerdict {
  health: KmopHealth;
  reason: string;
  badges?: string[];
}

/** `<cluster>/<apiVersion>/<kind>/<namespace>/<name>`, plus `#suffix` when one object yields several items. */
export function itemId(source: KmopSource, suffix?: string): string {
  const base = `${source.cluster}/${source.apiVersion}/${source.kind}/${
    source.namespace ?? ''
  }/${source.name}`;
  return suffix === undefined ? base : `${base}#${suffix}`;
}

/** Base fields of an item from its object's meta and a health verdict. */
export function itemBase(
  meta: ObjectMeta,
  verdict: HealthVerdict,
  suffix?: string,
): KmopItemBase {
  return {
    id: suffix === undefined ? meta.id : itemId(meta.source, suffix),
    source: meta.source,
    health: verdict.health,
    healthReason: verdict.reason,
    badges: verdict.badges ?? [],
    ...(meta.generation === undefined ? {} : { generation: meta.generation }),
    ...(meta.observedGeneration === undefined
      ? {}
      : { observedGeneration: meta.observedGeneration }),
    ...(meta.observedGenerationField === undefined
      ? {}
      : { observedGenerationField: meta.observedGenerationField }),
    ...(meta.controller === undefined ? {} : { controller: meta.controller }),
  };
}

/**
 * The `ownerReferences` entry marked `controller: true`, when well formed. A malformed list
 * only means no controller is shown: the object is then listed on its own, as any other.
 */
function readController(
  obj: Record<string, unknown>,
): KmopOwnerRef | undefined {
  const metadata = obj.metadata;
  const refs = isRecord(metadata) ? metadata.ownerReferences : undefined;
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find(r => isRecord(r) && r.controller === true);
  if (
    !isRecord(ref) ||
    typeof ref.apiVersion !== 'string' ||
    typeof ref.kind !== 'string' ||
    typeof ref.name !== 'string'
  ) {
    return undefined;
  }
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    name: ref.name,
    ...(typeof ref.uid === 'string' ? { uid: ref.uid } : {}),
  };
}

/** A whole number written as a number or a decimal string (proto3 JSON, Argo), else undefined. */
function generationValue(value: unknown): number | undefined {
  const n =
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return Number.isSafeInteger(n) ? (n as number) : undefined;
}

/**
 * The generation a controller last reported on: `status.observedGeneration`, else the
 * oldest `observedGeneration` of the conditions (top level, per parent or per ancestor).
 * Read without recording issues: each normalizer checks the fields its health depends on.
 */
function readObservedGeneration(
  obj: Record<string, unknown>,
): number | undefined {
  const status = obj.status;
  if (!isRecord(status)) return undefined;
  // A malformed generation anywhere means the generation is not known: never a guess.
  const malformed = (v: unknown) =>
    v !== undefined && v !== null && generationValue(v) === undefined;
  if (malformed(status.observedGeneration)) return undefined;
  const top = generationValue(status.observedGeneration);
  if (top !== undefined) return top;
  const lists: unknown[] = [status.conditions];
  for (const key of ['parents', 'ancestors']) {
    const entries = status[key];
    if (Array.isArray(entries)) {
      for (const e of entries) if (isRecord(e)) lists.push(e.conditions);
    }
  }
  let oldest: number | undefined;
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (isRecord(c) && malformed(c.observedGeneration)) return undefined;
      const g = isRecord(c) ? generationValue(c.observedGeneration) : undefined;
      if (g !== undefined && (oldest === undefined || g < oldest)) oldest = g;
    }
  }
  return oldest;
}

interface NormalizerSpec<T extends KmopItemBase> {
  /** Used in the source when the object does not say. */
  apiVersion: string;
  kind: string;
  /**
   * How the kind reports `observedGeneration`, when not always (see
   * {@link KmopItemBase.observedGenerationField}); taken from the kind's upstream API types.
   */
  observedGenerationField?: 'none' | 'optional';
  build(r: Reader, meta: ObjectMeta): T[];
  /** An item with no content, for objects that cannot be read. */
  blank(base: KmopItemBase): T;
}

/** The message of anything thrown (errors from another realm fail `instanceof Error`). */
function errorText(e: unknown): string {
  return isRecord(e) && typeof e.message === 'string' ? e.message : typeName(e);
}

/** Every issue: a person should not have to guess what "(and 3 more)" hides. */
function describeIssues(kind: string, issues: readonly string[]): string {
  return `Malformed ${kind}: ${issues.join('; ')}`;
}

function readMeta(
  r: Reader,
  ctx: NormalizeContext,
  spec: Pick<
    NormalizerSpec<KmopItemBase>,
    'apiVersion' | 'kind' | 'observedGenerationField'
  >,
): ObjectMeta {
  const name = r.str('metadata.name');
  if (name === undefined && !r.has('metadata.name')) {
    r.note('metadata.name', 'is missing');
  }
  const source: KmopSource = {
    cluster: typeof ctx?.cluster === 'string' ? ctx.cluster : '',
    apiVersion: r.str('apiVersion') ?? spec.apiVersion,
    kind: r.str('kind') ?? spec.kind,
    namespace: r.str('metadata.namespace'),
    name: name ?? '',
  };
  return {
    source,
    id: itemId(source),
    generation: r.int('metadata.generation'),
    observedGeneration:
      isRecord(r.value) && spec.observedGenerationField !== 'none'
        ? readObservedGeneration(r.value)
        : undefined,
    observedGenerationField: spec.observedGenerationField,
    controller: isRecord(r.value) ? readController(r.value) : undefined,
  };
}

/**
 * Wraps a normalizer body so that it never throws and malformed objects come out as one
 * item with health `unknown` and a reason naming the fields that were wrong.
 */
export function defineNormalizer<T extends KmopItemBase>(
  spec: NormalizerSpec<T>,
): Normalizer<T> {
  return (obj, ctx) => {
    const r = Reader.root(obj);
    if (!isRecord(obj)) {
      const meta = readMeta(Reader.root({}), ctx, spec);
      return [
        spec.blank(
          itemBase(meta, {
            health: 'unknown',
            reason: `Malformed ${spec.kind}: the object is ${typeName(
              obj,
            )}, expected an object`,
          }),
        ),
      ];
    }
    const meta = readMeta(r, ctx, spec);
    let items: T[];
    try {
      items = spec.build(r, meta);
    } catch (e) {
      // Readers should make this unreachable; if a bug slips through, one bad object must
      // not take the whole entity page down with it.
      return [
        spec.blank(
          itemBase(meta, {
            health: 'unknown',
            reason: `Internal error reading ${spec.kind}: ${errorText(e)}`,
          }),
        ),
      ];
    }
    if (r.issues.length === 0) return items;
    const kept = withoutDerivedFacts(items, obj, r.badFields, probe =>
      spec.build(Reader.root(probe), meta),
    );
    const first =
      kept[0] ?? spec.blank(itemBase(meta, { health: 'unknown', reason: '' }));
    return [
      {
        ...first,
        id: meta.id,
        health: 'unknown',
        healthReason: describeIssues(meta.source.kind, r.issues),
      },
    ];
  };
}
