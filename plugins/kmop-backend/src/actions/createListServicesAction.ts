import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KMOP_ANNOTATION_SERVICE_NAME,
  KUBERNETES_ANNOTATION_ID,
  KUBERNETES_ANNOTATION_LABEL_SELECTOR,
} from '@kmop/plugin-kmop-common';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import { parseEntityRefInput } from './parseEntityRefInput';
import { summarizeView } from './summarizeView';
import { inputErrors } from './inputErrors';

/** Options of {@link createListServicesAction}. */
export interface ListServicesActionOptions {
  actionsRegistry: ActionsRegistryService;
  entityViews: EntityViewService;
  catalog: CatalogService;
}

const HEALTH = ['ok', 'progressing', 'degraded', 'unknown'] as const;

// Views built at once: each reads the catalog and may query Prometheus, so a
// large catalog must not become hundreds of simultaneous requests.
const VIEWS_AT_ONCE = 8;

async function mapWithLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

// Any of the annotations that link an entity to cluster objects (as isKmopAvailable).
export const LINKED = [
  KMOP_ANNOTATION_SERVICE_NAME,
  KUBERNETES_ANNOTATION_ID,
  KUBERNETES_ANNOTATION_LABEL_SELECTOR,
].map(annotation => ({
  [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
}));

/** A spec reference (`spec.owner`, `spec.system`) as a full ref, the way the catalog resolves it. */
export function specRef(
  entity: Entity,
  field: 'owner' | 'system',
  kind: string,
) {
  const value = (entity.spec as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: kind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** `kmop:list-services` — entities with KMOP data and their health per section. */
export function createListServicesAction(options: ListServicesActionOptions) {
  const { actionsRegistry, entityViews, catalog } = options;
  actionsRegistry.register({
    name: 'list-services',
    title: 'List services with KMOP data',
    description: `
Lists the catalog entities that KMOP links to Kubernetes objects (by the kmop.dev/service-name
annotation or Backstage's Kubernetes annotations) and, for each, its health overall and per
section — gateway routes, SLOs, rollouts, resilience — with the number of items in each
health, and the clusters in error. Overall health is the worst item's (degraded > progressing
> unknown > ok); \`unknown\` when nothing was found in any cluster. Filter by owner, system or
health.

## When to use

Use it to find services ("what does payments-team run?", "which services are degraded?",
"what is rolling out right now?" — health progressing) before looking at one with
\`get-entity-view\` or \`explain-release\`. Only entities you may see, and whose KMOP view you may
read, are listed.
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object(
            {
              owner: z
                .string({ errorMap: inputErrors })
                .optional()
                .describe(
                  'Only entities owned by this group or user, e.g. group:default/payments-team or payments-team.',
                ),
              system: z
                .string({ errorMap: inputErrors })
                .optional()
                .describe(
                  'Only entities of this system, e.g. system:default/storefront or storefront.',
                ),
              health: z
                .enum(HEALTH, { errorMap: inputErrors })
                .optional()
                .describe('Only entities whose overall health is this.'),
            },
            { errorMap: inputErrors },
          )
          .strict(),
      output: z => {
        // A builder, not a constant: a schema used twice becomes a $ref without its description.
        const counts = () =>
          z
            .object({
              ok: z.number().describe('Items that are ok.'),
              progressing: z
                .number()
                .describe('Items progressing (e.g. a rollout under way).'),
              degraded: z.number().describe('Items degraded.'),
              unknown: z.number().describe('Items whose health is unknown.'),
            })
            .describe('Items by health.');
        const section = (what: string) =>
          z
            .object({
              health: z
                .enum(['ok', 'progressing', 'degraded', 'unknown', 'none'])
                .describe(
                  'The worst item’s health; none when the section is empty.',
                ),
              count: z.number().describe('Number of items.'),
              counts: counts(),
            })
            .describe(what);
        return z.object({
          services: z
            .array(
              z.object({
                entityRef: z
                  .string()
                  .describe('The entity, as kind:namespace/name.'),
                title: z.string().optional().describe('Its title or name.'),
                owner: z
                  .string()
                  .optional()
                  .describe('Its owner, as an entity ref.'),
                system: z
                  .string()
                  .optional()
                  .describe('Its system, as an entity ref.'),
                health: z.enum(HEALTH).describe('Overall health.'),
                sections: z
                  .object({
                    routes: section('Gateway routes.'),
                    slos: section('Service level objectives.'),
                    rollouts: section('Rollouts.'),
                    resilience: section('Resilience policies.'),
                  })
                  .describe('Health per section.'),
                clusterErrors: z
                  .array(z.string())
                  .describe(
                    'Clusters in error; their items may be missing or stale.',
                  ),
                error: z
                  .string()
                  .optional()
                  .describe(
                    'Why this entity’s view could not be built (e.g. an invalid annotation).',
                  ),
              }),
            )
            .describe('Matching entities, sorted by entity ref.'),
        });
      },
    },
    examples: [
      { title: 'Every service with KMOP data', input: {} },
      {
        title: 'Degraded services of a team',
        input: { owner: 'group:default/payments-team', health: 'degraded' },
      },
    ],
    action: async ({ input, credentials }) => {
      const owner = input.owner
        ? stringifyEntityRef(parseEntityRefInput(input.owner, 'owner', 'group'))
        : undefined;
      const system = input.system
        ? stringifyEntityRef(
            parseEntityRefInput(input.system, 'system', 'system'),
          )
        : undefined;
      const { items } = await catalog.getEntities(
        { filter: LINKED },
        { credentials },
      );
      const candidates = items.filter(
        e =>
          (!owner || specRef(e, 'owner', 'group') === owner) &&
          (!system || specRef(e, 'system', 'system') === system),
      );
      const services = await mapWithLimit(candidates, VIEWS_AT_ONCE, entity =>
        describe(entity, credentials),
      );
      return {
        output: {
          services: services
            .filter(s => s !== undefined)
            .filter(s => !input.health || s.health === input.health)
            .sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
        },
      };
    },
  });

  async function describe(entity: Entity, credentials: BackstageCredentials) {
    const ref = getCompoundEntityRef(entity);
    const base = {
      entityRef: stringifyEntityRef(ref),
      title: entity.metadata.title ?? entity.metadata.name,
      owner: specRef(entity, 'owner', 'group'),
      system: specRef(entity, 'system', 'system'),
    };
    try {
      return {
        ...base,
        ...summarizeView(await entityViews.getView(ref, credentials)),
      };
    } catch (error) {
      // Not allowed to read its view (or gone meanwhile): it is not listed at all.
      if (error instanceof NotAllowedError || error instanceof NotFoundError) {
        return undefined;
      }
      const none = {
        health: 'none' as const,
        count: 0,
        counts: { ok: 0, progressing: 0, degraded: 0, unknown: 0 },
      };
      return {
        ...base,
        health: 'unknown' as const,
        sections: {
          routes: none,
          slos: none,
          rollouts: none,
          resilience: none,
        },
        clusterErrors: [],
        error: (error as Error).message,
      };
    }
  }
}
