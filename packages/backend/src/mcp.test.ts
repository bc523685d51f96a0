import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import kmopPlugin from '@kmop/plugin-kmop-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { simulatorClusterConfig } from './__testUtils__/scaffolderBackend';

/*
 * KMOP's actions as agents and templates reach them: the KMOP backend, the MCP
 * actions backend and the scaffolder in one backend, with Backstage's real
 * actions registry and actions service (they call each other over HTTP), and
 * a real MCP client (@modelcontextprotocol/sdk) over streamable HTTP.
 */

const ROOT = resolve(__dirname, '../../..');
const TIMEOUT = 60_000;

/**
 * A policy like the demo's: everyone reads, and `kmop.rollout.operate` is denied on
 * catalog-api (the guest does not own it).
 */
const policy = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(r => ({
      result:
        r.permission.name === 'kmop.rollout.operate' &&
        'resourceRef' in r &&
        r.resourceRef === 'component:default/catalog-api'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
});
const KMOP_TOOLS = [
  'kmop.explain-release',
  'kmop.generate-manifests',
  'kmop.get-entity-view',
  'kmop.get-readiness',
  'kmop.list-services',
  'kmop.operate-rollout',
  'kmop.validate-manifests',
];

describe('KMOP actions over MCP and in the scaffolder', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let mcpUrl: URL;

  beforeAll(async () => {
    sim = await startKubeSim({
      seeds: [
        'examples/cluster/crds',
        'plugins/kmop-common/crds',
        'examples/cluster',
      ].map(p => join(ROOT, p)),
    });
    const appConfig = parse(
      readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'),
    );
    const entities = parseAllDocuments(
      readFileSync(join(ROOT, 'examples/entities/components.yaml'), 'utf8'),
    ).map(d => d.toJSON());
    backend = await startTestBackend({
      features: [
        kmopPlugin,
        mcpActionsPlugin,
        scaffolderPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({ entities }),
        policy.factory,
        // As in production: a request without a token is anonymous, not a mock user.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            // The demo's own setting, so this test fails if app-config.yaml loses it.
            backend: { actions: appConfig.backend.actions },
            kmop: { operations: { enabled: true } },
            kubernetes: simulatorClusterConfig(sim.url),
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    mcpUrl = new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`);
  }, TIMEOUT);

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  async function connect(authorization?: string): Promise<Client> {
    const client = new Client({ name: 'kmop-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(mcpUrl, {
        requestInit: authorization
          ? { headers: { Authorization: authorization } }
          : {},
      }),
    );
    return client;
  }

  it(
    'lists the KMOP tools, read-only, and gets the view of a demo Component through one',
    async () => {
      const client = await connect(mockCredentials.user.header());
      try {
        const { tools } = await client.listTools();
        const kmop = tools.filter(t => t.name.startsWith('kmop.'));
        expect(kmop.map(t => t.name).sort()).toEqual(KMOP_TOOLS);
        for (const tool of kmop) {
          const operate = tool.name === 'kmop.operate-rollout';
          expect(tool.annotations).toMatchObject({
            readOnlyHint: !operate,
            destructiveHint: operate,
          });
          expect(tool.description).toContain('## When to use');
        }

        let result: Awaited<ReturnType<Client['callTool']>> | undefined;
        // The cache syncs in the background; until then the view is partial but valid.
        for (let i = 0; i < 100; i++) {
          result = await client.callTool({
            name: 'kmop.get-entity-view',
            arguments: { entityRef: 'component:default/checkout' },
          });
          const view = result.structuredContent as
            | { clusters: { state: string }[] }
            | undefined;
          if (!result.isError && view?.clusters.every(c => c.state === 'ready'))
            break;
          await new Promise(r => setTimeout(r, 100));
        }
        expect(result!.isError).toBeFalsy();
        const view = result!.structuredContent as {
          entityRef: string;
          rollouts: {
            strategy: string;
            source: { kind: string; cluster: string };
          }[];
          clusters: { name: string; state: string }[];
        };
        expect(view.entityRef).toBe('component:default/checkout');
        expect(view.rollouts).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              strategy: 'canary',
              source: expect.objectContaining({
                kind: 'Rollout',
                cluster: 'demo',
              }),
            }),
          ]),
        );
        expect(view.clusters).toEqual([
          expect.objectContaining({ name: 'demo', state: 'ready' }),
        ]);
        const text = (result!.content as { type: string; text: string }[])[0];
        expect(JSON.parse(text.text).entityRef).toBe(
          'component:default/checkout',
        );
      } finally {
        await client.close();
      }
    },
    TIMEOUT,
  );

  it(
    'reports bad input as a tool error naming the field',
    async () => {
      const client = await connect(mockCredentials.user.header());
      try {
        const result = await client.callTool({
          name: 'kmop.get-entity-view',
          arguments: { entityRef: 'component:default/not valid' },
        });
        expect(result.isError).toBe(true);
        expect((result.content as { text: string }[])[0].text).toMatch(
          /^InputError: entityRef: /,
        );
      } finally {
        await client.close();
      }
    },
    TIMEOUT,
  );

  it(
    'refuses a client without a token',
    async () => {
      await expect(connect()).rejects.toThrow(/401/);
    },
    TIMEOUT,
  );

  it(
    'operates checkout’s rollout for a person allowed to, and refuses catalog-api’s',
    async () => {
      const client = await connect(mockCredentials.user.header());
      try {
        type Rollout = {
          id: string;
          resourceVersion: string;
          source: { kind: string };
        };
        const rolloutOf = async (entityRef: string, kind: string) => {
          const view = await client.callTool({
            name: 'kmop.get-entity-view',
            arguments: { entityRef },
          });
          const rollouts = (view.structuredContent as { rollouts: Rollout[] })
            .rollouts;
          return rollouts.find(r => r.source.kind === kind)!;
        };
        const checkout = await rolloutOf(
          'component:default/checkout',
          'Rollout',
        );
        const promoted = await client.callTool({
          name: 'kmop.operate-rollout',
          arguments: {
            entityRef: 'component:default/checkout',
            item: checkout.id,
            operation: 'promote',
            resourceVersion: checkout.resourceVersion,
          },
        });
        expect(promoted.isError).toBeFalsy();
        expect(promoted.structuredContent).toMatchObject({
          operation: 'promote',
          target: { kind: 'Rollout', name: 'checkout', cluster: 'demo' },
        });
        // The cluster received it: checkout's pause conditions are cleared.
        const stored = sim.store.get({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          namespace: 'checkout',
          name: 'checkout',
        });
        expect(
          (stored?.status as { pauseConditions?: unknown }).pauseConditions,
        ).toBeUndefined();

        const canary = await rolloutOf(
          'component:default/catalog-api',
          'Canary',
        );
        const denied = await client.callTool({
          name: 'kmop.operate-rollout',
          arguments: {
            entityRef: 'component:default/catalog-api',
            item: canary.id,
            operation: 'promote',
            resourceVersion: canary.resourceVersion,
          },
        });
        expect(denied.isError).toBe(true);
        expect((denied.content as { text: string }[])[0].text).toBe(
          'NotAllowedError: You may not operate the rollouts of component:default/catalog-api (permission kmop.rollout.operate)',
        );
      } finally {
        await client.close();
      }
    },
    TIMEOUT,
  );

  it(
    'offers the KMOP actions in the scaffolder action list',
    async () => {
      const res = await request(backend.server)
        .get('/api/scaffolder/v2/actions')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const ids = (res.body as { id: string }[]).map(a => a.id);
      expect(ids).toEqual(
        expect.arrayContaining(
          KMOP_TOOLS.map(t => t.replace('kmop.', 'kmop:')),
        ),
      );
    },
    TIMEOUT,
  );
});
