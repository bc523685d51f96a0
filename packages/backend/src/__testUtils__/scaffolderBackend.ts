import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import kmopScaffolderModule from '@kmop/plugin-scaffolder-backend-module-kmop';

/** The `kubernetes` config of one simulator cluster, reached without auth. */
export function simulatorClusterConfig(url: string, name = 'demo') {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [{ name, url, authProvider: 'none' }],
      },
    ],
  };
}

/**
 * The real scaffolder with KMOP's module, a catalog holding `entities`, and the simulator at
 * `clusterUrl` as cluster `demo`, the name the templates apply to.
 */
export async function startScaffolderBackend(options: {
  clusterUrl: string;
  entities: NonNullable<
    Parameters<typeof catalogServiceMock.factory>[0]
  >['entities'];
}) {
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      kmopScaffolderModule,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          kubernetes: simulatorClusterConfig(options.clusterUrl),
        },
      }),
    ],
  });
  return server;
}

/** What the scaffolder's dry-run API answers. */
export interface DryRunResponse {
  log: { body: { message: string; stepId?: string; status?: string } }[];
  directoryContents: { path: string; base64Content: string }[];
  output: { text?: { title: string; content: string }[]; links?: unknown[] };
  steps: { id: string; action: string }[];
}

/** The files a dry run wrote, by path. */
export function dryRunFiles(response: DryRunResponse): Map<string, string> {
  return new Map(
    response.directoryContents.map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}
