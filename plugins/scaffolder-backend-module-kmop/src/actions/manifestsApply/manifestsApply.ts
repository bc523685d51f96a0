import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  applyServerSide,
  ApplyServerSideOptions,
  ClusterCache,
  discoverApiResources,
  fields,
  KmopClusterService,
  KmopZod,
  KubeManifest,
  KubeRequestError,
  MICROSERVICE_KIND,
  parseInput,
  validateDocuments,
} from '@kmop/plugin-kmop-node';
import { parseApiVersion } from '@kmop/plugin-kmop-common';
import { readManifestDocuments } from '../../util/manifestDocuments';
import { ScaffolderZod, zod } from '../../util/zod';
import { applyOrder } from './applyOrder';
import { examples } from './manifestsApply.examples';

/**
 * The field manager the scaffolder's applies are recorded under.
 *
 * @public
 */
export const KMOP_FIELD_MANAGER = 'kmop-scaffolder';

const inputSchema = (z: KmopZod) => {
  const f = fields(z);
  return z.object({
    path: f
      .workspacePath()
      .default('kmop')
      .describe(
        'Workspace-relative file or directory of manifests to apply (default kmop).',
      ),
    cluster: z
      .string()
      .min(1)
      .describe(
        'Name of a cluster in kubernetes.clusterLocatorMethods (type config) of app-config.',
      ),
    namespace: f
      .dnsLabel()
      .optional()
      .describe(
        'Namespace for namespaced objects that name none (default "default").',
      ),
    failIfExists: z
      .boolean()
      .default(false)
      .describe(
        'Refuse, applying nothing, when any of the objects or a KMOP Microservice of the same name already exists in the cluster (a template creating a new service sets it).',
      ),
    dryRun: z
      .boolean()
      .default(false)
      .describe(
        'Server-side dry run (dryRun=All): the cluster validates and answers but stores nothing.',
      ),
  });
};

const outputSchema = (z: ScaffolderZod) =>
  z.object({
    applied: z
      .array(
        z.object({
          apiVersion: z.string().describe('apiVersion of the object.'),
          kind: z.string().describe('Kind of the object.'),
          namespace: z
            .string()
            .optional()
            .describe('Namespace, for namespaced kinds.'),
          name: z.string().describe('metadata.name of the object.'),
          action: z
            .enum(['created', 'configured'])
            .describe(
              'created when the object did not exist, configured otherwise.',
            ),
        }),
      )
      .describe('The objects applied, in order.'),
    dryRun: z
      .boolean()
      .describe(
        'True when nothing was stored (input dryRun or a scaffolder dry run).',
      ),
    cluster: z.string().describe('The cluster applied to.'),
  });

function isManifest(value: unknown): value is KubeManifest {
  const v = value as KubeManifest;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.apiVersion === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.metadata?.name === 'string'
  );
}

/**
 * Options of {@link createKmopManifestsApplyAction}.
 *
 * @public
 */
export interface KmopManifestsApplyActionOptions {
  /**
   * The clusters of `kubernetes.clusterLocatorMethods` with their credentials
   * (`kmopClustersServiceRef`), the same the KMOP cache uses.
   */
  clusters: KmopClusterService;
  /**
   * The backend's shared cluster cache (`kmopClusterCacheServiceRef`): with
   * `failIfExists`, a Microservice of the same name in another namespace of the
   * cluster is found there without asking the cluster.
   */
  cache?: ClusterCache;
}

function manifestId(manifest: KubeManifest, namespace?: string): string {
  return `${manifest.kind} ${manifest.metadata.namespace ?? namespace ?? ''}/${
    manifest.metadata.name
  }`;
}

/** A Microservice of one of the manifests' names already in the cluster, per the cache. */
function cachedServiceClash(
  cache: ClusterCache | undefined,
  cluster: string,
  manifests: KubeManifest[],
): string | undefined {
  const names = new Set(
    manifests
      .filter(
        m =>
          m.kind === MICROSERVICE_KIND.kind &&
          parseApiVersion(m.apiVersion).group === MICROSERVICE_KIND.group,
      )
      .map(m => m.metadata.name),
  );
  const found = cache
    ?.objects(MICROSERVICE_KIND)
    .find(
      o => o.cluster === cluster && names.has(o.object.metadata?.name ?? ''),
    );
  return found
    ? `a KMOP service named "${found.object.metadata?.name}" already exists in cluster ${cluster} (namespace ${found.object.metadata?.namespace})`
    : undefined;
}

/**
 * `kmop:manifests:apply` — server-side applies the manifests under a
 * workspace path to a configured cluster. In the scaffolder's dry-run mode
 * it only dry-runs.
 *
 * @public
 */
export function createKmopManifestsApplyAction(
  options: KmopManifestsApplyActionOptions,
) {
  return createTemplateAction({
    id: 'kmop:manifests:apply',
    description:
      'Server-side applies (field manager kmop-scaffolder) the manifests under a workspace path to a cluster configured in kubernetes.clusterLocatorMethods. Manifests are validated, then every object is sent as a server-side dry run (dryRun=All); only when the cluster accepts them all (and, with failIfExists, none exists yet) are they applied. dryRun, or a scaffolder dry run, stops after the dry run.',
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      const input = parseInput(inputSchema(zod), ctx.input);
      const dryRun = input.dryRun || ctx.isDryRun === true;
      const { cluster, problem, known } = await options.clusters.find(
        input.cluster,
      );
      if (!cluster) {
        throw new InputError(
          problem
            ? `input.cluster: cluster "${input.cluster}" cannot be used: ${problem}`
            : `input.cluster: no cluster named "${
                input.cluster
              }" in kubernetes.clusterLocatorMethods (configured: ${
                known.join(', ') || 'none'
              })`,
        );
      }

      const read = await readManifestDocuments(
        ctx.workspacePath,
        input.path,
        'path',
      );
      const check = await validateDocuments(read.documents);
      const errors = [...read.errors, ...check.errors];
      if (errors.length > 0) {
        throw new InputError(
          `nothing was applied: ${errors.length} problem${
            errors.length === 1 ? '' : 's'
          } in the manifests:\n${errors.map(e => `- ${e}`).join('\n')}`,
        );
      }
      for (const warning of check.warnings) ctx.logger.warn(warning);
      const manifests = applyOrder(
        read.documents.map(d => d.value).filter(isManifest),
      );
      if (manifests.length === 0) {
        throw new InputError(`input.path: no manifests under ${input.path}`);
      }

      const clash = input.failIfExists
        ? cachedServiceClash(options.cache, cluster.name, manifests)
        : undefined;
      if (clash) {
        throw new InputError(
          `input.failIfExists: ${clash}; nothing was applied`,
        );
      }

      const client = options.clusters.client(cluster);
      const applyOne = async (
        manifest: KubeManifest,
        base: Omit<ApplyServerSideOptions, 'manifest'>,
      ) => {
        const id = manifestId(manifest, input.namespace);
        try {
          const r = await applyServerSide({ ...base, manifest });
          return {
            apiVersion: r.apiVersion,
            kind: r.kind,
            ...(r.namespace ? { namespace: r.namespace } : {}),
            name: r.name,
            action: r.action,
          };
        } catch (error) {
          if (
            error instanceof KubeRequestError &&
            ['invalid', 'notFound', 'conflict'].includes(error.kind)
          ) {
            throw new InputError(
              `${cluster.name} refused ${id}: ${error.message}${
                base.dryRun ? ' (server dry run; nothing was applied)' : ''
              }`,
            );
          }
          throw error;
        }
      };
      let applied;
      try {
        const resources = await discoverApiResources(client, {
          groups: [
            ...new Set(manifests.map(m => parseApiVersion(m.apiVersion).group)),
          ],
        });
        const base = {
          client,
          resources,
          fieldManager: KMOP_FIELD_MANAGER,
          defaultNamespace: input.namespace,
        };
        // Every object is dry-run first, so that one the cluster refuses (or
        // one that exists, with failIfExists) leaves the cluster untouched.
        const dryRunAll = async () => {
          const results = [];
          for (const manifest of manifests) {
            results.push(await applyOne(manifest, { ...base, dryRun: true }));
          }
          return results;
        };
        const checked = dryRun
          ? await dryRunAll()
          : await ctx.checkpoint({
              key: `apply.check.${cluster.name}.${input.path}`,
              fn: dryRunAll,
            });
        const existing = checked.filter(r => r.action === 'configured');
        if (input.failIfExists && existing.length > 0) {
          throw new InputError(
            `input.failIfExists: already in cluster ${cluster.name}: ${existing
              .map(
                r =>
                  `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`,
              )
              .join(', ')}; nothing was applied`,
          );
        }
        if (dryRun) {
          applied = checked;
        } else {
          applied = [];
          for (const manifest of manifests) {
            const id = manifestId(manifest, input.namespace);
            applied.push(
              await ctx.checkpoint({
                key: `apply.${cluster.name}.${manifest.apiVersion}.${id}`,
                fn: () => applyOne(manifest, base),
              }),
            );
          }
        }
      } finally {
        client.close();
      }
      for (const r of applied) {
        ctx.logger.info(
          `${r.kind} ${r.namespace ?? ''}/${r.name} ${r.action}${
            dryRun ? ' (server dry run)' : ''
          }`,
        );
      }

      ctx.output('applied', applied);
      ctx.output('dryRun', dryRun);
      ctx.output('cluster', cluster.name);
    },
  });
}
