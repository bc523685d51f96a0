import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { KmopEntityView } from '@kmop/plugin-kmop-common';
import kmopBackend from '@kmop/plugin-kmop-backend';
import { DefaultKmopClusterService } from '@kmop/plugin-kmop-node';
import {
  createKmopManifestsApplyAction,
  createKmopManifestsGenerateAction,
} from '@kmop/plugin-scaffolder-backend-module-kmop';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';

/*
 * The golden path's promise, end to end: what kmop:manifests:generate writes and
 * kmop:manifests:apply sends to a cluster is what the KMOP entity view shows.
 */

const ROOT = resolve(__dirname, '../../..');
const CRDS = [
  join(ROOT, 'examples/cluster/crds'),
  join(ROOT, 'plugins/kmop-common/crds'),
];

const clusterConfig = (url: string) => ({
  kubernetes: {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [{ name: 'sim', url, authProvider: 'none' }],
      },
    ],
  },
});

describe('generate, apply, then see it in the KMOP view', () => {
  let sim: KubeSim;
  let workspacePath: string;

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: CRDS });
    workspacePath = mkdtempSync(join(tmpdir(), 'kmop-golden-'));
  });

  afterAll(async () => {
    await sim?.close();
    rmSync(workspacePath, { recursive: true, force: true });
  });

  it('shows the generated route, SLO, rollout and resilience policy', async () => {
    const generate = createKmopManifestsGenerateAction();
    await generate.handler(
      createMockActionContext({
        workspacePath,
        input: {
          name: 'ledger',
          namespace: 'payments',
          owner: 'group:default/payments-team',
          image: 'ghcr.io/acme/ledger:0.1.0',
          port: 8080,
          routes: [
            {
              gateway: { name: 'public', namespace: 'gateways' },
              hostnames: ['ledger.example.com'],
              paths: ['/api/ledger'],
            },
          ],
          slo: { objective: 99.5, window: '28d' },
          rollout: {
            strategy: 'canary',
            canary: {
              steps: [{ setWeight: 25, pause: '5m' }, { setWeight: 75 }],
            },
          },
          resilience: { preset: 'standard' },
        },
      }) as never,
    );

    const apply = createKmopManifestsApplyAction({
      clusters: DefaultKmopClusterService.create({
        config: new ConfigReader(clusterConfig(sim.url)),
        logger: mockServices.logger.mock(),
      }),
    });
    await apply.handler(
      createMockActionContext({
        workspacePath,
        input: { path: 'kmop', cluster: 'sim' },
      }) as never,
    );

    const backend = await startTestBackend({
      features: [
        kmopBackend,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'ledger',
                namespace: 'default',
                annotations: { 'kmop.dev/service-name': 'ledger' },
              },
              spec: {
                type: 'service',
                lifecycle: 'experimental',
                owner: 'payments-team',
              },
            },
          ],
        }),
        mockServices.rootConfig.factory({ data: clusterConfig(sim.url) }),
      ],
    });
    try {
      let view: KmopEntityView | undefined;
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const res = await request(backend.server)
          .get('/api/kmop/v1/entities/component/default/ledger')
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        view = res.body;
        if (view!.clusters[0]?.state === 'ready' && view!.routes.length > 0)
          break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(view!.routes[0]).toMatchObject({
        source: {
          kind: 'GatewayRoute',
          namespace: 'payments',
          name: expect.any(String),
        },
        hostnames: ['ledger.example.com'],
      });
      expect(view!.slos.map(s => [s.source.kind, s.window])).toEqual([
        ['ServiceLevelObjective', '28d'],
      ]);
      expect(view!.slos[0].objective).toBeCloseTo(0.995, 12);
      const rollout = view!.rollouts.find(
        r => r.source.kind === 'RolloutPolicy',
      )!;
      expect(
        rollout.steps.filter(s => s.type === 'setWeight').map(s => s.weight),
      ).toEqual([25, 75]);
      const resilience = view!.resilience.find(
        r => r.source.kind === 'ResiliencePolicy',
      )!;
      expect(resilience.settings.map(s => s.type)).toEqual(
        expect.arrayContaining(['retry', 'timeout', 'circuitBreaker']),
      );
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
