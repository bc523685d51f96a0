import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  makeValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  KMOP_ANNOTATION_SERVICE_NAME,
  KUBERNETES_ANNOTATION_CLUSTER,
  KUBERNETES_ANNOTATION_ID,
  KUBERNETES_ANNOTATION_NAMESPACE,
} from '@kmop/plugin-kmop-common';
import { CachedObject } from '@kmop/plugin-kmop-node';

/** Location type of the entities the provider makes: `kmop-cluster:<cluster>/<path of the object>`. */
export const KMOP_LOCATION_TYPE = 'kmop-cluster';
/** Component type when the Microservice names none. */
export const DEFAULT_COMPONENT_TYPE = 'service';
/** Lifecycle when the Microservice names none. */
export const DEFAULT_LIFECYCLE = 'production';

/** A Component made from a Microservice, or why none could be made. */
export type MicroserviceEntityResult =
  | { entity: Entity; source: string }
  | { skipped: string; source: string };

/** `<cluster>/<namespace>/<name>`, how logs name a Microservice. */
export function sourceOf({ cluster, object }: CachedObject): string {
  return `${cluster}/${object.metadata?.namespace ?? ''}/${
    object.metadata?.name ?? ''
  }`;
}

/** The location reference naming the cluster object an entity was made from. */
export function locationOf({ cluster, object }: CachedObject): string {
  return `${KMOP_LOCATION_TYPE}:${cluster}/apis/kmop.dev/v1alpha1/namespaces/${
    object.metadata?.namespace ?? 'default'
  }/microservices/${object.metadata?.name}`;
}

/** True when the entity was made by this provider. */
export function isKmopProvided(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
      `${KMOP_LOCATION_TYPE}:`,
    ) ?? false
  );
}

const validator = makeValidator();

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The Component of a Microservice: its name, owner, system, lifecycle,
 * description and type from the spec, and the annotations that link it back
 * to the cluster object and its KMOP resources.
 *
 * @public
 */
export function microserviceToEntity(
  cached: CachedObject,
): MicroserviceEntityResult {
  const source = sourceOf(cached);
  const { object, cluster } = cached;
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace ?? 'default';
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  if (!name || !validator.isValidEntityName(name)) {
    return { source, skipped: `"${name}" is not a valid entity name` };
  }
  const owner = text(spec.owner);
  if (!owner) {
    return { source, skipped: 'spec.owner is missing' };
  }
  const system = text(spec.system);
  try {
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (system)
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: 'default',
      });
  } catch (error) {
    return {
      source,
      skipped: `spec.owner or spec.system: ${(error as Error).message}`,
    };
  }
  const location = locationOf(cached);
  const description = text(spec.description);
  return {
    source,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        ...(description ? { description } : {}),
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [KMOP_ANNOTATION_SERVICE_NAME]: name,
          [KUBERNETES_ANNOTATION_ID]: name,
          [KUBERNETES_ANNOTATION_NAMESPACE]: namespace,
          [KUBERNETES_ANNOTATION_CLUSTER]: cluster,
        },
      },
      spec: {
        type: text(spec.type) ?? DEFAULT_COMPONENT_TYPE,
        lifecycle: text(spec.lifecycle) ?? DEFAULT_LIFECYCLE,
        owner,
        ...(system ? { system } : {}),
      },
    },
  };
}
