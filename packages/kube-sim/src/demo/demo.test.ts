import { join, resolve } from 'node:path';
import { RolloutDemo } from './demo';
import { KubeSim, startKubeSim } from '../server';
import { waitFor } from '../__testUtils__/clients';
import { KubeObject } from '../types';

const CRDS = resolve(__dirname, '../../../../examples/cluster/crds');
const NAMESPACE = join(__dirname, '../__fixtures__/namespace.yaml');
const WEB = join(__dirname, '../__fixtures__/canaryTraffic.yaml');
const PLAIN = join(__dirname, '../__fixtures__/rollout.yaml');
const ROLLOUT = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  namespace: 'shop',
  name: 'web',
};
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  namespace: 'shop',
  name: 'web',
};
const VIRTUAL_SERVICE = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  namespace: 'shop',
  name: 'web',
};
const DESTINATION_RULE = { ...VIRTUAL_SERVICE, kind: 'DestinationRule' };
/** The pause step of the fixture started at 10:00:00. */
const START = Date.parse('2026-12-01T10:00:05Z');

type Status = {
  phase: string;
  message?: string;
  currentStepIndex: number;
  currentPodHash: string;
  stableRS: string;
  abort?: boolean;
  abortedAt?: string;
  promoteFull?: boolean;
  controllerPause?: boolean;
  restartedAt?: string;
  pauseConditions?: Array<{ reason: string; startTime: string }>;
  conditions: Array<{ type: string; status: string; reason: string }>;
  canary: {
    weights: {
      canary: { weight: number; podTemplateHash: string };
      stable: { weight: number; podTemplateHash: string };
    };
  };
};

describe('RolloutDemo, as Argo Rollouts’ controller', () => {
  let sim: KubeSim;
  let clock: number;
  let demo: RolloutDemo;

  async function start(
    seeds = [CRDS, NAMESPACE, WEB],
    releaseAfterMs = 60_000,
  ) {
    sim = await startKubeSim({ seeds });
    clock = START;
    demo = new RolloutDemo({
      store: sim.store,
      intervalMs: 5000,
      now: () => clock,
      releaseAfterMs,
    });
  }

  afterEach(async () => {
    await sim?.close();
  });

  const get = (ref: typeof ROLLOUT) => sim.store.get(ref) as KubeObject;
  const status = () => get(ROLLOUT).status as Status;
  const condition = (type: string) =>
    status().conditions.find(c => c.type === type);
  const after = (ms: number) => {
    clock += ms;
    demo.tick();
  };

  /** A merge patch as `kubectl argo rollouts` sends it, over HTTP. */
  async function kubectlPatch(body: object, subresource = '') {
    const res = await fetch(
      `${sim.url}/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web${subresource}`,
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify(body),
      },
    );
    expect(res.status).toBe(200);
  }
  const promote = () =>
    kubectlPatch({ status: { pauseConditions: null } }, '/status');

  /** What the traffic routers carry: HTTPRoute stable/canary, VirtualService primary stable/canary. */
  function routed() {
    const rule = (get(HTTP_ROUTE).spec as any).rules[0];
    const primary = (get(VIRTUAL_SERVICE).spec as any).http.find(
      (h: { name: string }) => h.name === 'primary',
    );
    const subsets = (get(DESTINATION_RULE).spec as any).subsets;
    return {
      httpRoute: rule.backendRefs.map((b: any) => `${b.name}=${b.weight}`),
      virtualService: primary.route.map(
        (r: any) => `${r.destination.subset}=${r.weight}`,
      ),
      subsets: subsets.map(
        (s: any) => `${s.name}=${s.labels['rollouts-pod-template-hash']}`,
      ),
    };
  }

  it('walks the steps: the weight is the step’s, the traffic routers carry it, timed pauses end, `pause: {}` waits for a promote', async () => {
    await start();
    demo.tick();
    expect(status()).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
    });
    expect(condition('Paused')).toMatchObject({ status: 'True' });
    expect(routed()).toEqual({
      httpRoute: ['web-stable=80', 'web-canary=20'],
      virtualService: ['stable=80', 'canary=20'],
      subsets: ['stable=stable0001', 'canary=canary0001'],
    });
    // The route's controller reports the new generation as accepted.
    const route = get(HTTP_ROUTE);
    expect(route.metadata.generation).toBe(2);
    expect((route.status as any).parents[0].conditions[0]).toMatchObject({
      type: 'Accepted',
      observedGeneration: 2,
    });
    // A route the Rollout does not name stays as it was.
    expect((get(VIRTUAL_SERVICE).spec as any).http[0].route).toEqual([
      { destination: { host: 'web.shop.svc.cluster.local', subset: 'stable' } },
    ]);

    after(20_000);
    expect(status().currentStepIndex).toBe(1);
    after(10_000); // 30 s after the pause began
    expect(status()).toMatchObject({
      phase: 'Progressing',
      currentStepIndex: 2,
    });
    expect(status().pauseConditions).toBeUndefined();
    expect(condition('Paused')).toMatchObject({
      status: 'False',
      reason: 'RolloutResumed',
    });
    after(5000); // the analysis passes
    expect(status().currentStepIndex).toBe(3);
    expect(status().canary.weights.canary.weight).toBe(50);
    expect(routed().httpRoute).toEqual(['web-stable=50', 'web-canary=50']);
    expect(routed().virtualService).toEqual(['stable=50', 'canary=50']);
    after(5000);
    expect(status()).toMatchObject({ phase: 'Paused', currentStepIndex: 4 });
    after(10 * 60_000);
    expect(status()).toMatchObject({ phase: 'Paused', currentStepIndex: 4 });

    await promote();
    demo.tick();
    expect(status()).toMatchObject({
      phase: 'Progressing',
      currentStepIndex: 5,
    });
    expect(status().canary.weights.canary).toMatchObject({ weight: 100 });
    expect(routed().httpRoute).toEqual(['web-stable=0', 'web-canary=100']);

    // The last step done: the canary is stable, and the demo publishes the next release.
    after(5000);
    expect(status().stableRS).toBe('canary0001');
    const template = (get(ROLLOUT).spec as any).template;
    expect(template.spec.containers[0].image).toBe('ghcr.io/example/web:1.0.1');
    expect(status().currentPodHash).not.toBe('canary0001');
    expect(status()).toMatchObject({
      phase: 'Progressing',
      currentStepIndex: 0,
    });
    expect(routed()).toEqual({
      httpRoute: ['web-stable=80', 'web-canary=20'],
      virtualService: ['stable=80', 'canary=20'],
      subsets: ['stable=canary0001', `canary=${status().currentPodHash}`],
    });
  });

  it('abort sends the traffic back to stable and stays Degraded; retry starts the steps again', async () => {
    await start();
    demo.tick();
    await kubectlPatch({ status: { abort: true } }, '/status');
    demo.tick();
    expect(status()).toMatchObject({
      phase: 'Degraded',
      message: 'RolloutAborted: Rollout aborted update to revision 1',
      currentStepIndex: 0,
      currentPodHash: 'canary0001',
      stableRS: 'stable0001',
      abort: true,
      abortedAt: '2026-12-01T10:00:05Z',
    });
    expect(status().pauseConditions).toBeUndefined();
    expect(status().canary.weights.canary.weight).toBe(0);
    expect(condition('Progressing')).toMatchObject({
      status: 'False',
      reason: 'RolloutAborted',
    });
    expect(routed()).toEqual({
      httpRoute: ['web-stable=100', 'web-canary=0'],
      virtualService: ['stable=100', 'canary=0'],
      subsets: ['stable=stable0001', 'canary=canary0001'],
    });
    after(10 * 60_000);
    expect(status()).toMatchObject({ phase: 'Degraded', abort: true });

    await kubectlPatch({ status: { abort: false } }, '/status');
    demo.tick();
    expect(status()).toMatchObject({
      phase: 'Progressing',
      currentStepIndex: 0,
      abort: false,
    });
    expect(status().abortedAt).toBeUndefined();
    expect(routed().httpRoute).toEqual(['web-stable=80', 'web-canary=20']);
    after(5000);
    expect(status()).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
  });

  it('promote --full finishes the rollout: the canary is stable, weight 0; the next release comes after a rest', async () => {
    await start();
    demo.tick();
    await kubectlPatch({ status: { promoteFull: true } }, '/status');
    demo.tick();
    expect(status()).toMatchObject({
      phase: 'Healthy',
      currentStepIndex: 6,
      currentPodHash: 'canary0001',
      stableRS: 'canary0001',
    });
    expect(status().promoteFull).toBeUndefined();
    expect(status().pauseConditions).toBeUndefined();
    expect(status().canary.weights.canary.weight).toBe(0);
    expect(condition('Completed')).toMatchObject({ status: 'True' });
    expect(routed()).toEqual({
      httpRoute: ['web-stable=100', 'web-canary=0'],
      virtualService: ['stable=100', 'canary=0'],
      subsets: ['stable=canary0001', 'canary=canary0001'],
    });
    after(55_000);
    expect(status().phase).toBe('Healthy');
    after(5000);
    expect(status()).toMatchObject({
      phase: 'Progressing',
      currentStepIndex: 0,
    });
    expect(status().stableRS).toBe('canary0001');
  });

  it('promote past a step, as the CLI does mid-analysis, by moving currentStepIndex', async () => {
    await start();
    after(30_000);
    expect(status().currentStepIndex).toBe(2);
    await kubectlPatch(
      { status: { pauseConditions: null, currentStepIndex: 3 } },
      '/status',
    );
    demo.tick();
    expect(status().currentStepIndex).toBe(3);
    expect(routed().httpRoute).toEqual(['web-stable=50', 'web-canary=50']);
  });

  it('pause holds the rollout where it is; promote resumes it and the Paused condition clears', async () => {
    await start();
    after(30_000);
    expect(status().currentStepIndex).toBe(2);
    await kubectlPatch({ spec: { paused: true } });
    after(60_000);
    expect(status()).toMatchObject({
      phase: 'Paused',
      message: 'manually paused',
      currentStepIndex: 2,
    });
    expect(condition('Paused')).toMatchObject({
      status: 'True',
      reason: 'RolloutPaused',
    });
    await kubectlPatch({ spec: { paused: false } });
    demo.tick();
    expect(status().phase).toBe('Progressing');
    expect(condition('Paused')).toMatchObject({
      status: 'False',
      reason: 'RolloutResumed',
    });
    after(5000);
    expect(status().currentStepIndex).toBe(3);
  });

  it('restart replaces the pods and records when', async () => {
    await start();
    demo.tick();
    const before = sim.store
      .list('v1', 'Pod', { namespace: 'shop' })
      .map(p => p.metadata.name);
    expect(before).toContain('web-stable0001-abcde');
    const restartAt = '2026-12-01T10:00:05Z';
    await kubectlPatch({ spec: { restartAt } });
    demo.tick();
    expect(status().restartedAt).toBe(restartAt);
    const pods = sim.store.list('v1', 'Pod', { namespace: 'shop' });
    expect(pods).toHaveLength(before.length);
    for (const pod of pods) {
      expect(before).not.toContain(pod.metadata.name);
      expect(pod.status).toMatchObject({
        startTime: restartAt,
        containerStatuses: [
          { restartCount: 0, state: { running: { startedAt: restartAt } } },
        ],
      });
    }
    // Once is enough.
    after(5000);
    expect(
      sim.store
        .list('v1', 'Pod', { namespace: 'shop' })
        .map(p => p.metadata.name),
    ).toEqual(pods.map(p => p.metadata.name));
  });

  it('keeps a ReplicaSet and its Pods per hash, so the DestinationRule subsets select running pods', async () => {
    await start();
    demo.tick();
    const podsOf = (hash: string) =>
      sim.store.list('v1', 'Pod', {
        namespace: 'shop',
        labelSelector: `rollouts-pod-template-hash=${hash}`,
      });
    const replicaSets = () =>
      sim.store
        .list('apps/v1', 'ReplicaSet', { namespace: 'shop' })
        .map(rs => `${rs.metadata.name}=${(rs.spec as any).replicas}`);
    // 4 replicas, the canary at 20%: one canary pod beside the 4 stable ones.
    expect(replicaSets()).toEqual(['web-canary0001=1', 'web-stable0001=4']);
    expect(podsOf('stable0001')).toHaveLength(4);
    expect(podsOf('canary0001')).toHaveLength(1);
    for (const subset of routed().subsets) {
      expect(podsOf(subset.split('=')[1]).length).toBeGreaterThan(0);
    }
    // The canary's pods run the Rollout's template.
    expect((podsOf('canary0001')[0].spec as any).containers[0].image).toBe(
      'ghcr.io/example/web:1.0.0',
    );

    await kubectlPatch({ status: { promoteFull: true } }, '/status');
    demo.tick();
    expect(replicaSets()).toEqual(['web-canary0001=4']);
    expect(podsOf('stable0001')).toHaveLength(0);
    expect(podsOf('canary0001')).toHaveLength(4);
  });

  it('writes nothing when nothing changed', async () => {
    await start();
    demo.tick();
    const version = sim.store.resourceVersion;
    after(1000);
    demo.tick();
    expect(sim.store.resourceVersion).toBe(version);
  });

  it('takes a new Rollout as stable, and starts the steps for its next release', async () => {
    await start([CRDS, NAMESPACE, PLAIN], 0);
    const ref = { ...ROLLOUT, name: 'checkout-canary' };
    demo.tick();
    const s = sim.store.get(ref)?.status as Status;
    expect(s).toMatchObject({ phase: 'Progressing', currentStepIndex: 0 });
    expect(s.stableRS).not.toBe(s.currentPodHash);
    expect(
      (sim.store.get(ref)?.spec as any).template.spec.containers[0].image,
    ).toBe('ghcr.io/example/checkout:1.5.1');
    expect(s.canary.weights.canary.weight).toBe(20);
  });

  it('does nothing without the Rollout CRD, and leaves rollouts without canary steps alone', async () => {
    sim = await startKubeSim();
    expect(() =>
      new RolloutDemo({ store: sim.store, intervalMs: 1000 }).tick(),
    ).not.toThrow();
    await sim.close();
    sim = await startKubeSim({ seeds: [CRDS] });
    sim.store.create({
      ...ROLLOUT,
      metadata: { name: 'blue-green', namespace: 'shop' },
      spec: { strategy: { blueGreen: {} } },
    });
    new RolloutDemo({ store: sim.store, intervalMs: 1000 }).tick();
    expect(
      sim.store.get({ ...ROLLOUT, name: 'blue-green' })?.status,
    ).toBeUndefined();
  });

  it('with --demo, an operation takes effect as the controller’s watch sees it', async () => {
    sim = await startKubeSim({
      seeds: [CRDS, NAMESPACE, WEB],
      demo: true,
      // Longer than the test: only the watch can move the rollout.
      demoIntervalMs: 3_600_000,
    });
    await kubectlPatch({ status: { abort: true } }, '/status');
    await waitFor(() => status().phase === 'Degraded', 'the abort');
    expect(routed().httpRoute).toEqual(['web-stable=100', 'web-canary=0']);
  });
});
