import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  applyServerSide,
  discoverApiResources,
  fields,
  KmopZod,
  KubeClient,
  KubeManifest,
  KubeRequestError,
  parseInput,
  readKmopClusters,
  validateDocuments,
} from '@kmop/plugin-kmop-node';
import { readManifestDocuments } from '../../util/manifestDocuments';
import { asScaffolderSchema, kmopZod, ScaffolderZod } from '../../util/zod';
import { applyOrder } from './applyOrder';
import { examples } from './manifestsApply.examples';

/** The field manager the scaffolder's applies are recorded under. */
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

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Options of {@link createKmopManifestsApplyAction}. */
export interface KmopManifestsApplyActionOptions {
  /** Root config holding `kubernetes.clusterLocatorMethods`. */
  config: RootConfigService;
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
      'Server-side applies (field manager kmop-scaffolder) the manifests under a workspace path to a cluster configured in kubernetes.clusterLocatorMethods. dryRun, or a scaffolder dry run, sends dryRun=All so nothing is stored. Manifests are validated first; nothing is applied if any is invalid.',
    examples,
    supportsDryRun: true,
    schema: { input: asScaffolderSchema(inputSchema), output: outputSchema },
    async handler(ctx) {
      const input = parseInput(inputSchema(kmopZod), ctx.input);
      const dryRun = input.dryRun || ctx.isDryRun === true;
      const { clusters, problems } = readKmopClusters(options.config);
      const cluster = clusters.find(c => c.name === input.cluster);
      if (!cluster) {
        const problem = problems.find(p => p.name === input.cluster);
        throw new InputError(
          problem
            ? `input.cluster: cluster "${input.cluster}" cannot be used: ${problem.message}`
            : `input.cluster: no cluster named "${
                input.cluster
              }" in kubernetes.clusterLocatorMethods (configured: ${
                clusters.map(c => c.name).join(', ') || 'none'
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

      const client = KubeClient.create({ cluster });
      const applied = [];
      try {
        const resources = await discoverApiResources(client, {
          groups: [...new Set(manifests.map(m => groupOf(m.apiVersion)))],
        });
        for (const manifest of manifests) {
          const id = `${manifest.kind} ${
            manifest.metadata.namespace ?? input.namespace ?? ''
          }/${manifest.metadata.name}`;
          const result = await ctx.checkpoint({
            key: `apply.${dryRun ? 'dry-run.' : ''}${cluster.name}.${
              manifest.apiVersion
            }.${id}`,
            fn: async () => {
              try {
                const r = await applyServerSide({
                  client,
                  resources,
                  manifest,
                  fieldManager: KMOP_FIELD_MANAGER,
                  dryRun,
                  defaultNamespace: input.namespace,
                });
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
                    `${cluster.name} refused ${id}: ${error.message}`,
                  );
                }
                throw error;
              }
            },
          });
          ctx.logger.info(
            `${id} ${result.action}${dryRun ? ' (server dry run)' : ''}`,
          );
          applied.push(result);
        }
      } finally {
        client.close();
      }

      ctx.output('applied', applied);
      ctx.output('dryRun', dryRun);
      ctx.output('cluster', cluster.name);
    },
  });
}
