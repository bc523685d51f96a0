import { join, resolve } from 'node:path';
import { RolloutDemo } from './demo';
import { KubeSim, startKubeSim } from './server';
import { waitFor } from './__testUtils__/clients';

const CRDS = resolve(__dirname, '../../../examples/cluster/crds');
const ROLLOUT = join(__dirname, '__fixtures__/rollout.yaml');
const REF = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  namespace: 'shop',
  name: 'checkout-canary',
};

interface RolloutStatus {
  phase: string;
  currentStepIndex: number;
  currentPodHash: string;
  stableRS: string;
  controllerPause: boolean;
  pauseConditions: Array<{ reason: string }>;
  canary: {
    weights: {
      canary: { weight: number; podTemplateHash: string };
      stable: { weight: number };
    };
  };
}

describe('RolloutDemo', () => {
  let sim: KubeSim;

  afterEach(async () => {
    await sim?.close();
  });

  it('walks a canary Rollout through its steps, turns Healthy, then starts over with a new pod hash', async () => {
    sim = await startKubeSim({ seeds: [CRDS, ROLLOUT] });
    const demo = new RolloutDemo({
      store: sim.store,
      intervalMs: 1000,
      restartAfterTicks: 2,
    });
    const status = () => sim.store.get(REF)?.status as RolloutStatus;
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      demo.tick();
      const s = status();
      seen.push(
        `${s.currentStepIndex} ${s.phase} ${s.canary.weights.canary.weight}/${s.canary.weights.stable.weight}`,
      );
    }
    expect(seen).toEqual([
      '0 Progressing 0/100',
      '1 Paused 20/80',
      '2 Progressing 20/80',
      '3 Paused 50/50',
      '4 Progressing 50/50',
      '5 Healthy 0/100',
      '5 Healthy 0/100',
      '0 Progressing 0/100',
    ]);
  });

  it('marks pause steps, promotes the canary hash on completion and uses a new hash next time', async () => {
    sim = await startKubeSim({ seeds: [CRDS, ROLLOUT] });
    const demo = new RolloutDemo({
      store: sim.store,
      intervalMs: 1000,
      restartAfterTicks: 1,
    });
    const status = () => sim.store.get(REF)?.status as RolloutStatus;
    demo.tick();
    const firstHash = status().currentPodHash;
    demo.tick();
    expect(status()).toMatchObject({
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep' }],
    });
    for (let i = 0; i < 4; i++) demo.tick();
    expect(status()).toMatchObject({
      phase: 'Healthy',
      stableRS: firstHash,
      currentPodHash: firstHash,
      pauseConditions: [],
    });
    demo.tick();
    expect(status().currentPodHash).not.toBe(firstHash);
    expect(status().stableRS).toBe(firstHash);
    expect(sim.store.get(REF)?.metadata.generation).toBe(1);
  });

  it('does nothing without the Rollout CRD, and leaves rollouts without canary steps alone', async () => {
    sim = await startKubeSim();
    expect(() =>
      new RolloutDemo({ store: sim.store, intervalMs: 1000 }).tick(),
    ).not.toThrow();
    await sim.close();
    sim = await startKubeSim({ seeds: [CRDS] });
    sim.store.create({
      ...REF,
      metadata: { name: 'blue-green', namespace: 'shop' },
      spec: { strategy: { blueGreen: {} } },
    });
    new RolloutDemo({ store: sim.store, intervalMs: 1000 }).tick();
    expect(
      sim.store.get({ ...REF, name: 'blue-green' })?.status,
    ).toBeUndefined();
  });

  it('runs on its own timer with --demo', async () => {
    sim = await startKubeSim({
      seeds: [CRDS, ROLLOUT],
      demo: true,
      demoIntervalMs: 20,
    });
    const stepOf = () =>
      (sim.store.get(REF)?.status as RolloutStatus | undefined)
        ?.currentStepIndex;
    await waitFor(() => stepOf() === 3, 'step 3');
    expect(sim.store.get(REF)?.metadata.generation).toBe(1);
  });
});
