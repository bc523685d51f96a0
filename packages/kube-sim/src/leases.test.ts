import {
  CoordinationV1Api,
  CoreV1Api,
  EventsV1Api,
  PatchStrategy,
  V1Lease,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KubeSim, startKubeSim } from './server';
import { kubeConfigFor } from './__testUtils__/clients';

const NS = 'operators';
const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const JSON_PATCH = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

function lease(holder: string): V1Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'leader', namespace: NS },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: 15,
      acquireTime: new Date('2026-01-01T00:00:00Z'),
      renewTime: new Date('2026-01-01T00:00:00Z'),
      leaseTransitions: 0,
    },
  };
}

async function codeOf(p: Promise<unknown>): Promise<number | string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as { code?: number }).code ?? String(e);
  }
}

describe('Leases and Events', () => {
  let sim: KubeSim;
  let leases: CoordinationV1Api;

  beforeEach(async () => {
    sim = await startKubeSim();
    leases = kubeConfigFor(sim.url).makeApiClient(CoordinationV1Api);
  });

  afterEach(async () => {
    await sim.close();
  });

  it('lets exactly one of two candidates take a Lease by resourceVersion', async () => {
    const created = await leases.createNamespacedLease({
      namespace: NS,
      body: lease('a'),
    });
    expect(created.metadata?.generation).toBeUndefined();
    // Both candidates read the same version and try to take over.
    const read = await leases.readNamespacedLease({
      name: 'leader',
      namespace: NS,
    });
    const takeOver = (holder: string) =>
      leases.replaceNamespacedLease({
        name: 'leader',
        namespace: NS,
        body: {
          ...read,
          spec: { ...read.spec, holderIdentity: holder, leaseTransitions: 1 },
        },
      });
    const b = await takeOver('b');
    expect(b.spec?.holderIdentity).toBe('b');
    expect(await codeOf(takeOver('c'))).toBe(409);

    // A merge patch carrying a stale resourceVersion is refused the same way.
    expect(
      await codeOf(
        leases.patchNamespacedLease(
          {
            name: 'leader',
            namespace: NS,
            body: {
              metadata: { resourceVersion: read.metadata?.resourceVersion },
              spec: { holderIdentity: 'c' },
            },
          },
          MERGE_PATCH,
        ),
      ),
    ).toBe(409);
    // A JSON patch with a test op on the holder is how some clients guard a renewal.
    const renewed = await leases.patchNamespacedLease(
      {
        name: 'leader',
        namespace: NS,
        body: [
          { op: 'test', path: '/spec/holderIdentity', value: 'b' },
          {
            op: 'replace',
            path: '/spec/renewTime',
            value: '2026-01-01T00:00:10.000000Z',
          },
        ],
      },
      JSON_PATCH,
    );
    expect(renewed.spec?.holderIdentity).toBe('b');
    expect(
      Number(renewed.metadata?.resourceVersion) >
        Number(b.metadata?.resourceVersion),
    ).toBe(true);
    // Releasing (as on SIGTERM) is an update like any other.
    const released = await leases.replaceNamespacedLease({
      name: 'leader',
      namespace: NS,
      body: { ...renewed, spec: { ...renewed.spec, holderIdentity: '' } },
    });
    expect(released.spec?.holderIdentity).toBe('');
  });

  it('stores core/v1 and events.k8s.io/v1 Events and serves both in discovery', async () => {
    const kc = kubeConfigFor(sim.url);
    const core = kc.makeApiClient(CoreV1Api);
    const events = kc.makeApiClient(EventsV1Api);
    await core.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { name: 'web.1', namespace: NS },
        involvedObject: { kind: 'Deployment', name: 'web', namespace: NS },
        reason: 'Reconciled',
        message: 'children applied',
        type: 'Normal',
        count: 1,
      },
    });
    await events.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { name: 'web.2', namespace: NS },
        eventTime: new Date('2026-01-01T00:00:00Z'),
        regarding: { kind: 'Deployment', name: 'web', namespace: NS },
        reason: 'Reconciled',
        note: 'children applied',
        type: 'Normal',
        action: 'Reconcile',
        reportingController: 'example.com/operator',
        reportingInstance: 'operator-0',
      },
    });
    const coreList = await core.listNamespacedEvent({ namespace: NS });
    expect(coreList.items.map(e => e.reason)).toEqual(['Reconciled']);
    const newList = await events.listNamespacedEvent({ namespace: NS });
    expect(newList.items.map(e => e.note)).toEqual(['children applied']);

    const groups = (await (await fetch(`${sim.url}/apis`)).json()) as {
      groups: Array<{ name: string }>;
    };
    expect(groups.groups.map(g => g.name)).toEqual(
      expect.arrayContaining(['coordination.k8s.io', 'events.k8s.io']),
    );
    const v1 = (await (await fetch(`${sim.url}/api/v1`)).json()) as {
      resources: Array<{ name: string; verbs: string[] }>;
    };
    expect(v1.resources.find(r => r.name === 'events')?.verbs).toEqual(
      expect.arrayContaining(['create', 'patch', 'list', 'watch']),
    );
  });
});
