import {
  COMPILED_FROM_ANNOTATION,
  KmopCompileError,
  KmopResource,
  MANAGED_BY_LABEL,
  NativeObject,
  NativeTarget,
  compileToNative,
  validateKmopResource,
} from '@kmop/plugin-kmop-common';
import { TARGETS_ANNOTATION, parseTargets } from './targets';
import { KubeObject, OwnerReference } from './types';

/** The field manager of the operator's server-side applies. */
export const FIELD_MANAGER = 'kmop-operator';
/** `app.kubernetes.io/managed-by` on every child. */
export const MANAGED_BY = 'kmop-operator';

/** What a kmop.dev object renders to, or why it cannot. */
export type RenderResult =
  | {
      ok: true;
      children: NativeObject[];
      warnings: string[];
      /** The service's Rollouts, whoever renders them: they say whose route weights are whose. */
      rollouts: NativeObject[];
    }
  | { ok: false; field: string; message: string };

/** What {@link render} needs. */
export interface RenderOptions {
  /** The kmop.dev object to render. */
  owner: KubeObject;
  /** Every kmop.dev object in the owner's namespace (the owner among them or not). */
  namespaceObjects: readonly KubeObject[];
  /** The operator's targets; the owner's `kmop.dev/targets` annotation replaces them. */
  targets: readonly NativeTarget[];
  /** Prometheus that SLO gates query. */
  prometheusAddress?: string;
}

/** The service a KMOP resource belongs to: a Microservice's name, else `spec.serviceRef`. */
export function serviceOf(resource: {
  kind: string;
  metadata: { name: string };
  spec?: unknown;
}): string {
  if (resource.kind === 'Microservice') return resource.metadata.name;
  const spec = resource.spec as { serviceRef?: unknown } | undefined;
  return typeof spec?.serviceRef === 'string' ? spec.serviceRef : '';
}

function withoutStatus(o: KubeObject): KubeObject {
  const { status: _status, ...rest } = o;
  return rest as KubeObject;
}

/**
 * The resources compiled together with the owner: its service's resources (a canary takes
 * over the Microservice's Deployment, a gate reads its SLO, Envoy policies attach to the
 * route) and the SLOs its service's gates name. Compiling one service instead of the whole
 * namespace keeps a reconcile's cost independent of the namespace's size.
 */
function serviceGroup(
  owner: KmopResource,
  valid: readonly KmopResource[],
): KmopResource[] {
  const service = serviceOf(owner);
  const group = valid.filter(r => serviceOf(r) === service);
  const gateSlos = new Set(
    group.flatMap(r =>
      r.kind === 'RolloutPolicy' && r.spec.sloGate
        ? [r.spec.sloGate.sloRef]
        : [],
    ),
  );
  for (const r of valid) {
    if (
      r.kind === 'ServiceLevelObjective' &&
      gateSlos.has(r.metadata.name) &&
      !group.includes(r)
    ) {
      group.push(r);
    }
  }
  return group;
}

const label = (r: { kind: string; metadata: { name: string } }) =>
  `${r.kind} ${r.metadata.name}`;

/**
 * Renders one kmop.dev object: validates it with the KMOP model, compiles its service with
 * `compileToNative` (the scaffolder's native flavour) and keeps the objects compiled from
 * it. A sibling that cannot be compiled is left out rather than failing this object; its own
 * reconcile reports it.
 */
export function render(options: RenderOptions): RenderResult {
  const { owner } = options;
  let targets = options.targets;
  const annotation = owner.metadata.annotations?.[TARGETS_ANNOTATION];
  if (annotation !== undefined) {
    try {
      targets = parseTargets(annotation);
    } catch (e) {
      return {
        ok: false,
        field: `metadata.annotations[${TARGETS_ANNOTATION}]`,
        message: (e as Error).message,
      };
    }
  }
  const validated = validateKmopResource(withoutStatus(owner));
  if (!validated.ok) {
    const first = validated.errors[0];
    return {
      ok: false,
      field: first.path,
      message: validated.errors
        .map(e => `${e.path || '(object)'} ${e.message}`)
        .join('; '),
    };
  }
  const self = validated.resource;
  // Only the objects the owner compiles with are validated: its service's, and the SLOs their
  // gates name. Validating the whole namespace on every reconcile would make a reconcile's
  // cost grow with the namespace.
  const service = serviceOf(owner);
  const isOwner = (o: KubeObject) =>
    o.kind === owner.kind && o.metadata.name === owner.metadata.name;
  const related = options.namespaceObjects.filter(
    o => !isOwner(o) && serviceOf(o) === service,
  );
  const gates = new Set(
    [owner, ...related].flatMap(o => {
      const ref = (o.spec as { sloGate?: { sloRef?: unknown } } | undefined)
        ?.sloGate?.sloRef;
      return o.kind === 'RolloutPolicy' && typeof ref === 'string' ? [ref] : [];
    }),
  );
  const gateSlos = options.namespaceObjects.filter(
    o =>
      o.kind === 'ServiceLevelObjective' &&
      gates.has(o.metadata.name) &&
      serviceOf(o) !== service,
  );
  const valid: KmopResource[] = [self];
  for (const o of [...related, ...gateSlos]) {
    const result = validateKmopResource(withoutStatus(o));
    if (result.ok) valid.push(result.resource);
  }
  let group = serviceGroup(self, valid);
  for (;;) {
    try {
      const compiled = compileToNative(group, {
        targets,
        prometheusAddress: options.prometheusAddress,
      });
      const from = `${owner.kind}/${owner.metadata.name}`;
      return {
        ok: true,
        children: compiled.objects.filter(
          o => o.metadata.annotations?.[COMPILED_FROM_ANNOTATION] === from,
        ),
        warnings: compiled.warnings.filter(w =>
          w.startsWith(`${owner.kind} ${owner.metadata.name}`),
        ),
        rollouts: compiled.objects.filter(o => o.kind === 'Rollout'),
      };
    } catch (e) {
      if (!(e instanceof KmopCompileError)) throw e;
      const culprit = group.find(r => r !== self && e.resource === label(r));
      if (!culprit) {
        return { ok: false, field: e.path, message: e.message };
      }
      group = group.filter(r => r !== culprit);
    }
  }
}

/**
 * A rendered object as the operator applies it: the owner's controller reference, and the
 * operator as its manager, so the cluster's garbage collector deletes it with its owner.
 */
export function asChild(object: NativeObject, owner: KubeObject): KubeObject {
  const ref: OwnerReference = {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
  return {
    ...object,
    metadata: {
      ...object.metadata,
      namespace: owner.metadata.namespace,
      labels: { ...object.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      ownerReferences: [ref],
    },
  };
}

/** The controller owner reference of an object, if any. */
export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find(r => r.controller);
}
