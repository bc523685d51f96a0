import {
  BackendFeature,
  LoggerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeSim } from '@kmop/kube-sim';
import { KmopEntityView } from '@kmop/plugin-kmop-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import supertest from 'supertest';
import { parseAllDocuments } from 'yaml';
import { kmopPlugin } from '../plugin';

export const REPO_ROOT = join(__dirname, '../../../..');

/** The seeds `yarn start` gives the simulator. */
export const DEMO_SEEDS = [
  join(REPO_ROOT, 'examples/cluster/crds'),
  join(REPO_ROOT, 'plugins/kmop-common/crds'),
  join(REPO_ROOT, 'examples/cluster'),
];

/** The demo Components of `examples/entities`. */
export function demoEntities(): Entity[] {
  const text = readFileSync(
    join(REPO_ROOT, 'examples/entities/components.yaml'),
    'utf8',
  );
  return parseAllDocuments(text).map(d => d.toJSON() as Entity);
}

/** A user who may see nothing in the catalog. */
export const OUTSIDER = 'user:default/outsider';

/** Every log line of the backend, to check that nothing secret is logged. */
export class LogRecorder {
  readonly lines: string[] = [];

  factory(): BackendFeature {
    const record = (level: string) => (message: string, meta?: unknown) => {
      this.lines.push(
        `${level} ${message} ${meta ? JSON.stringify(meta) : ''}`,
      );
    };
    const logger = (): LoggerService => ({
      error: record('error'),
      warn: record('warn'),
      info: record('info'),
      debug: record('debug'),
      child: () => logger(),
    });
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => logger() as never,
    });
  }
}

/** Starts the KMOP plugin alone with the given clusters and entities. */
export async function startKmopBackend(options: {
  clusters: Array<{ name: string; url: string; token?: string }>;
  entities?: Entity[];
  kmop?: Record<string, unknown>;
  /** More configuration beside `kubernetes` and `kmop`, e.g. `backend.database`. */
  config?: Record<string, unknown>;
  /** Service factories replacing the test defaults, and more plugins. */
  extraFeatures?: BackendFeature[];
  logs?: LogRecorder;
  /** Who the catalog shows an entity to; by default everyone but {@link OUTSIDER}. */
  canSee?: (userEntityRef: string | undefined, entityRef: string) => boolean;
}) {
  const canSee = options.canSee ?? (user => user !== OUTSIDER);
  const entities = options.entities ?? demoEntities();
  const userOf = (requestOptions: unknown) => {
    const credentials =
      requestOptions &&
      typeof requestOptions === 'object' &&
      'credentials' in requestOptions
        ? (requestOptions.credentials as {
            principal?: { userEntityRef?: string };
          })
        : undefined;
    return credentials?.principal?.userEntityRef;
  };
  const refOf = (e: Entity) =>
    `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
  const catalog = catalogServiceMock.mock({
    // Only "field exists" filters, the ones KMOP sends: any filter object whose keys all exist.
    getEntities: async (request, requestOptions) => {
      const user = userOf(requestOptions);
      const filters = [request?.filter ?? []].flat() as Record<
        string,
        unknown
      >[];
      const has = (e: Entity, path: string) =>
        path.startsWith('metadata.annotations.')
          ? e.metadata.annotations?.[
              path.slice('metadata.annotations.'.length)
            ] !== undefined
          : false;
      return {
        items: entities.filter(
          e =>
            canSee(user, refOf(e).toLocaleLowerCase('en-US')) &&
            (filters.length === 0 ||
              filters.some(f => Object.keys(f).every(k => has(e, k)))),
        ),
      };
    },
    getEntityByRef: async (ref, requestOptions) => {
      const wanted =
        typeof ref === 'string'
          ? ref
          : `${ref.kind}:${ref.namespace}/${ref.name}`;
      if (!canSee(userOf(requestOptions), wanted)) return undefined;
      return entities.find(
        e =>
          refOf(e).toLocaleLowerCase('en-US') ===
          wanted.toLocaleLowerCase('en-US'),
      );
    },
  });
  const backend = await startTestBackend({
    features: [
      kmopPlugin,
      catalog.factory,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: options.clusters.map(c => ({
                  name: c.name,
                  url: c.url,
                  authProvider: c.token ? 'serviceAccount' : 'none',
                  serviceAccountToken: c.token,
                })),
              },
            ],
          },
          kmop: {
            cache: {
              // The production default: a shorter timeout made first lists of the demo seeds
              // through the recording proxy time out and retry forever on a loaded machine (a CI
              // run saw 23 failures so). A test of slow clusters sets its own.
              requestTimeout: '10s',
              initialBackoff: '50ms',
              maxBackoff: '300ms',
              ...((options.kmop?.cache as object) ?? {}),
            },
            ...Object.fromEntries(
              Object.entries(options.kmop ?? {}).filter(([k]) => k !== 'cache'),
            ),
          },
        },
      }),
      ...(options.logs ? [options.logs.factory()] : []),
      ...(options.extraFeatures ?? []),
    ],
  });
  return Object.assign(backend, { catalog });
}

/**
 * The KMOP view of `component:default/<name>` as a signed-in user (by default one who sees every
 * entity) reads it; any answer but 200 fails the test, with the answer.
 */
export async function readEntityView(
  backend: TestBackend,
  name: string,
  userEntityRef?: string,
): Promise<KmopEntityView> {
  const res = await supertest(backend.server)
    .get(`/api/kmop/v1/entities/component/default/${name}`)
    .set('Authorization', userAuth(userEntityRef));
  if (res.status !== 200) {
    throw new Error(`the view of ${name} answered ${res.status}: ${res.text}`);
  }
  return res.body;
}

/**
 * Sends `weight` percent of the demo checkout route's traffic to the canary and the rest to
 * stable, as a canary step does; the rule keeps its name and match (examples/cluster/checkout.yaml).
 */
export function setCheckoutCanaryWeight(sim: KubeSim, weight: number): void {
  sim.store.patch(
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'checkout',
      name: 'checkout',
    },
    {
      spec: {
        rules: [
          {
            name: 'checkout-api',
            matches: [{ path: { type: 'PathPrefix', value: '/api/checkout' } }],
            backendRefs: [
              { name: 'checkout-stable', port: 8080, weight: 100 - weight },
              { name: 'checkout-canary', port: 8080, weight },
            ],
          },
        ],
      },
    },
  );
}

/** The Authorization header of a signed-in user. */
export function userAuth(userEntityRef?: string): string {
  return mockCredentials.user.header(userEntityRef);
}

/**
 * Polls `check` until it returns true or the deadline passes. The deadline is generous: a
 * first sync of the demo seeds through a proxy took over 10 s on a loaded 2-core machine, and
 * this bounds waiting, it measures nothing.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
