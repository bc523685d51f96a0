import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isKmopAvailable,
  type KmopClusterStatus,
  type KmopReadiness,
} from '@kmop/plugin-kmop-common';
import { readinessFactSchema, readinessFacts } from './readinessFacts';

/**
 * The id under which the facts are stored and referred to by Tech Insights checks.
 *
 * @public
 */
export const KMOP_READINESS_FACT_RETRIEVER_ID = 'kmopReadinessFactRetriever';

/** What `GET /api/kmop/v1/readiness/entities/...` answers (the fields read here). */
interface EntityReadinessResponse {
  readiness: KmopReadiness;
  clusters: KmopClusterStatus[];
}

/**
 * Options of {@link createKmopReadinessFactRetriever}.
 *
 * @public
 */
export interface KmopReadinessFactRetrieverOptions {
  /** Lists the entities to retrieve facts for, as the tech-insights plugin's own service. */
  catalog: CatalogService;
  /** Readiness requests in flight at once. Default 4. */
  concurrency?: number;
}

/**
 * A Tech Insights fact retriever of KMOP readiness: for every Component with a KMOP
 * annotation, one fact per readiness check and per component, and the totals. It reads
 * readiness from the KMOP backend's REST API with the tech-insights plugin's service
 * credentials, the way one Backstage plugin calls another, so the checks are computed in
 * one place (the KMOP backend's cache) and no cluster is called.
 *
 * @public
 */
export function createKmopReadinessFactRetriever(
  options: KmopReadinessFactRetrieverOptions,
): FactRetriever {
  const { catalog } = options;
  const concurrency = options.concurrency ?? 4;
  return {
    id: KMOP_READINESS_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'KMOP readiness',
    description:
      'Readiness of a service against the twelve components of the KMOP blueprint, from what runs in its clusters: one fact per check and per component (pass, warn, fail or notApplicable) and the totals',
    entityFilter: [{ kind: 'component' }],
    schema: readinessFactSchema(),
    handler: async ctx => {
      const credentials = await ctx.auth.getOwnServiceCredentials();
      const { items } = await catalog.getEntities(
        { filter: ctx.entityFilter },
        { credentials },
      );
      const linked = items.filter(isKmopAvailable);
      const kmop = {
        baseUrl: await ctx.discovery.getBaseUrl('kmop'),
        // One token for the run: a run takes seconds, a plugin token lasts an hour.
        token: (
          await ctx.auth.getPluginRequestToken({
            onBehalfOf: credentials,
            targetPluginId: 'kmop',
          })
        ).token,
      };
      const facts: TechInsightFact[] = [];
      let next = 0;
      const worker = async () => {
        while (next < linked.length) {
          const entity = linked[next++];
          const fact = await factOf(ctx, kmop, entity);
          if (fact) facts.push(fact);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return facts;
    },
  };
}

/**
 * One entity's facts, or none (with a log line saying why) when its readiness cannot be
 * read or is not complete yet: a cluster still syncing or unreachable would make checks
 * fail that do not, and a stored fact outlives the moment.
 */
async function factOf(
  ctx: FactRetrieverContext,
  kmop: { baseUrl: string; token: string },
  entity: Entity,
): Promise<TechInsightFact | undefined> {
  const ref = stringifyEntityRef(entity);
  const namespace = entity.metadata.namespace ?? 'default';
  const path = [entity.kind, namespace, entity.metadata.name]
    .map(encodeURIComponent)
    .join('/');
  try {
    const res = await fetch(`${kmop.baseUrl}/v1/readiness/entities/${path}`, {
      headers: { Authorization: `Bearer ${kmop.token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const body = (await res.json()) as EntityReadinessResponse;
    const incomplete = body.clusters.filter(c => c.state !== 'ready');
    if (incomplete.length > 0) {
      ctx.logger.warn(
        `No KMOP readiness facts for ${ref} this time: ${incomplete
          .map(c => `cluster ${c.name} is ${c.state}`)
          .join(', ')}`,
      );
      return undefined;
    }
    return {
      entity: { namespace, kind: entity.kind, name: entity.metadata.name },
      facts: readinessFacts(body.readiness),
    };
  } catch (e) {
    ctx.logger.warn(
      `No KMOP readiness facts for ${ref}: ${(e as Error).message}`,
    );
    return undefined;
  }
}
