import {
  LoggerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { KubeObject, KubeSim, startKubeSim } from '@kmop/kube-sim';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleKmop from './index';

/*
 * The provider inside a real catalog (in-memory SQLite), fed by the shared
 * cluster cache watching two simulated clusters.
 */
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../../..');
const KMOP_CRDS = join(ROOT, 'plugins/kmop-common/crds');

function microservice(
  name: string,
  namespace: string,
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'Microservice',
    metadata: { name, namespace },
    spec: {
      owner: 'group:default/payments-team',
      image: `ghcr.io/acme/${name}:1.0.0`,
      ports: [{ name: 'http', port: 8080 }],
      ...spec,
    },
  };
}

const ref = (name: string, namespace: string) => ({
  apiVersion: 'kmop.dev/v1alpha1',
  kind: 'Microservice',
  namespace,
  name,
});

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('the KMOP entity provider', () => {
  let one: KubeSim;
  let two: KubeSim;
  let dir: string;
  const logs: string[] = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  async function component(name: string): Promise<Entity | undefined> {
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-name/component/default/${name}`)
      .set('Authorization', mockCredentials.user.header());
    return res.status === 200 ? res.body : undefined;
  }

  async function componentNames(): Promise<string[]> {
    const res = await request(backend.server)
      .get('/api/catalog/entities?filter=kind=component')
      .set('Authorization', mockCredentials.user.header());
    return (res.body as Entity[]).map(e => e.metadata.name).sort();
  }

  beforeAll(async () => {
    one = await startKubeSim({ seeds: [KMOP_CRDS], historySize: 5 });
    two = await startKubeSim({ seeds: [KMOP_CRDS] });
    one.store.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments' },
    });
    one.store.create(
      microservice('ledger', 'payments', {
        system: 'system:default/storefront',
        description: 'Keeps the books',
        lifecycle: 'experimental',
        type: 'backend',
      }),
    );
    one.store.create(microservice('clash', 'default'));
    one.store.create(
      microservice('twice', 'default', { description: 'from one' }),
    );
    two.store.create(
      microservice('twice', 'default', { description: 'from two' }),
    );
    two.store.create(microservice('faraway', 'default'));

    dir = mkdtempSync(join(tmpdir(), 'kmop-provider-'));
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: clash',
        '  description: registered from its repository',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/payments-team',
      ].join('\n'),
    );
    const record = (level: string) => (message: string) => {
      logs.push(`${level} ${message}`);
    };
    const logger = (): LoggerService => ({
      error: record('error'),
      warn: record('warn'),
      info: record('info'),
      debug: () => {},
      child: () => logger(),
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKmop,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => logger() as never,
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                { type: 'file', target: join(dir, 'catalog-info.yaml') },
              ],
              processingInterval: { seconds: 1 },
              providers: { kmop: { resyncInterval: '1s' } },
            },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    { name: 'one', url: one.url, authProvider: 'none' },
                    { name: 'two', url: two.url, authProvider: 'none' },
                  ],
                },
              ],
              // Short backoff so that a cluster coming back is read again soon.
            },
            kmop: {
              cache: {
                initialBackoff: '100ms',
                maxBackoff: '500ms',
                requestTimeout: '2s',
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await one?.close();
    await two?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a Component for each Microservice, with its spec and the annotations that link back', async () => {
    const ledger = await waitFor('ledger', () => component('ledger'));
    expect(ledger.metadata.description).toBe('Keeps the books');
    expect(ledger.spec).toEqual({
      type: 'backend',
      lifecycle: 'experimental',
      owner: 'group:default/payments-team',
      system: 'system:default/storefront',
    });
    expect(ledger.metadata.annotations).toMatchObject({
      'kmop.dev/service-name': 'ledger',
      'backstage.io/kubernetes-id': 'ledger',
      'backstage.io/kubernetes-namespace': 'payments',
      'backstage.io/kubernetes-cluster': 'one',
      'backstage.io/managed-by-location':
        'kmop-cluster:one/apis/kmop.dev/v1alpha1/namespaces/payments/microservices/ledger',
    });
    const faraway = await waitFor('faraway', () => component('faraway'));
    // Documented defaults when the spec names no type or lifecycle.
    expect(faraway.spec).toMatchObject({
      type: 'service',
      lifecycle: 'production',
    });
  });

  it('makes one entity of a name found in two clusters, from the first configured, and says so', async () => {
    const twice = await waitFor('twice', () => component('twice'));
    expect(twice.metadata.description).toBe('from one');
    expect((await componentNames()).filter(n => n === 'twice')).toHaveLength(1);
    expect(
      logs.some(l => l.includes('Skipped Microservice two/default/twice')),
    ).toBe(true);
  });

  it('leaves a name registered from a repository to the repository entity, and logs it', async () => {
    await waitFor('ledger', () => component('ledger'));
    const clash = await waitFor('clash from its repository', async () => {
      const e = await component('clash');
      return e?.metadata.description === 'registered from its repository' && e;
    });
    expect(
      clash.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toMatch(/^file:/);
    await waitFor('the skip to be logged', async () =>
      logs.some(
        l =>
          l.includes('Skipped Microservice one/default/clash') &&
          l.includes('file:'),
      ),
    );
    expect((await componentNames()).filter(n => n === 'clash')).toHaveLength(1);
  });

  it('updates the entity when the Microservice changes', async () => {
    await waitFor('ledger', () => component('ledger'));
    one.store.patch(ref('ledger', 'payments'), {
      spec: {
        owner: 'group:default/ledger-team',
        description: 'Keeps every book',
      },
    });
    const updated = await waitFor('ledger to change', async () => {
      const e = await component('ledger');
      return e?.metadata.description === 'Keeps every book' && e;
    });
    expect(updated.spec?.owner).toBe('group:default/ledger-team');
  });

  it('adds and removes entities as Microservices come and go', async () => {
    one.store.create(microservice('fresh', 'payments'));
    await waitFor('fresh', () => component('fresh'));
    one.store.delete(ref('fresh', 'payments'));
    await waitFor('fresh to go', async () => !(await component('fresh')));
  });

  it('catches up with a full mutation after the watch lost its history (410 Gone)', async () => {
    await waitFor('ledger', () => component('ledger'));
    await one.faults.down('refuse');
    // More changes than the server's history keeps: the watch must re-list.
    one.store.delete(ref('ledger', 'payments'));
    for (let i = 0; i < 6; i++)
      one.store.create(microservice(`batch-${i}`, 'payments'));
    await one.faults.up();
    await waitFor(
      'the batch',
      async () =>
        (await componentNames()).filter(n => n.startsWith('batch-')).length ===
        6,
    );
    await waitFor('ledger to go', async () => !(await component('ledger')));
  });

  it('keeps the entities of a cluster that is down, and follows it again once it is back', async () => {
    await waitFor('faraway', () => component('faraway'));
    const unreachable = () =>
      logs.filter(l =>
        l.includes(
          'cannot reach the API server for /apis/kmop.dev/v1alpha1/microservices',
        ),
      ).length;
    const before = unreachable();
    await two.faults.down('refuse');
    await waitFor(
      'the cache to see two down',
      async () => unreachable() > before,
    );
    // The provider resyncs every second: wait for two full mutations made while two is down,
    // the second computed wholly from a cache that cannot reach it.
    const fullMutations = () =>
      logs.filter(l => l.includes('(full mutation)')).length;
    const mutationsBefore = fullMutations();
    await waitFor(
      'two full mutations while two is down',
      async () => fullMutations() >= mutationsBefore + 2,
    );
    expect(await component('faraway')).toBeDefined();
    two.store.delete(ref('faraway', 'default'));
    await two.faults.up();
    await waitFor(
      'faraway to go once two answers',
      async () => !(await component('faraway')),
    );
  });
});
