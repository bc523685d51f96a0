import { normalizeArgoRollout } from '../normalizers/rollouts/argoRollout';
import { normalizeDeployment } from '../normalizers/rollouts/deployment';
import { normalizeFlaggerCanary } from '../normalizers/rollouts/flaggerCanary';
import { normalizeKmopRolloutPolicy } from '../normalizers/rollouts/kmopRolloutPolicy';
import { nestRenderedObjects, type KmopRolloutView } from '../view';
import * as objects from './__fixtures__/operationObjects';
import { KmopOfferedOperation, offeredOperations } from './operations';

const ctx = { cluster: 'prod' };
const argo = (obj: unknown) => normalizeArgoRollout(obj, ctx)[0];

/** `{ operation: offered }`, the shape the rules are stated in. */
function offered(ops: KmopOfferedOperation[]): Record<string, boolean> {
  return Object.fromEntries(ops.map(o => [o.operation, o.offered]));
}

function reasonOf(ops: KmopOfferedOperation[], operation: string): string {
  return ops.find(o => o.operation === operation)?.reason ?? '';
}

describe('offeredOperations: Argo Rollouts (Argo CD discovery.lua, Rollouts dashboard)', () => {
  it('offers promote, promote-full and abort on a rollout paused at a step, not pause or retry', () => {
    const ops = offeredOperations(argo(objects.argoPausedAtStep));
    expect(offered(ops)).toEqual({
      promote: true,
      'promote-full': true,
      abort: true,
      retry: false,
      pause: false,
      restart: true,
    });
    expect(reasonOf(ops, 'promote')).toBe(
      'The rollout is paused (CanaryPauseStep)',
    );
    expect(reasonOf(ops, 'pause')).toBe('The rollout is already paused');
    expect(ops.every(o => o.target?.kind === 'Rollout')).toBe(true);
    // The version the page sends back with the operation.
    expect(ops.every(o => o.resourceVersion === '41')).toBe(true);
  });

  it('offers nothing but restart on a fully promoted rollout', () => {
    const ops = offeredOperations(argo(objects.argoHealthy));
    expect(offered(ops)).toEqual({
      promote: false,
      'promote-full': false,
      abort: false,
      retry: false,
      pause: false,
      restart: true,
    });
    expect(reasonOf(ops, 'abort')).toMatch(/fully promoted/);
  });

  it('offers only retry (and restart) on an aborted rollout', () => {
    const ops = offeredOperations(argo(objects.argoAborted));
    expect(offered(ops)).toEqual({
      promote: false,
      'promote-full': false,
      abort: false,
      retry: true,
      pause: false,
      restart: true,
    });
    expect(reasonOf(ops, 'promote')).toBe(
      'The rollout was aborted: retry it first',
    );
  });

  it('offers promote past a running analysis step, and pause', () => {
    const ops = offeredOperations(argo(objects.argoAnalysing));
    expect(offered(ops)).toMatchObject({
      promote: true,
      pause: true,
      abort: true,
      retry: false,
    });
    expect(reasonOf(ops, 'promote')).toBe(
      'The rollout is running the analysis of step 3',
    );
  });

  it('says promote unpauses spec when the rollout was paused by hand', () => {
    const ops = offeredOperations(argo(objects.argoPausedByHand));
    const promote = ops.find(o => o.operation === 'promote');
    expect(promote).toMatchObject({ offered: true, changesSpec: true });
    expect(ops.find(o => o.operation === 'abort')?.changesSpec).toBe(false);
  });

  it('offers nothing that needs the pod hashes before the controller reports them', () => {
    const ops = offeredOperations(argo(objects.argoNoHashes));
    expect(offered(ops)).toMatchObject({
      promote: false,
      'promote-full': false,
      abort: false,
      retry: false,
      pause: false,
      restart: true,
    });
    expect(reasonOf(ops, 'abort')).toMatch(
      /has not reported status.currentPodHash and status.stableRS/,
    );
  });

  it('offers no pause or promote when spec.paused is malformed, and names the field', () => {
    const obj = objects.argoRollout(
      { phase: 'Progressing', currentPodHash: 'a', stableRS: 'b' },
      { paused: 'yes' },
    );
    const ops = offeredOperations(argo(obj));
    expect(offered(ops)).toMatchObject({ promote: false, pause: false });
    expect(reasonOf(ops, 'pause')).toMatch(/spec.paused/);
  });

  it('warns on spec changes of an object Argo CD manages, not on status changes', () => {
    const ops = offeredOperations(argo(objects.argoGitOps));
    const warned = ops.filter(o => o.warning).map(o => o.operation);
    expect(warned).toEqual(['pause', 'restart']);
    expect(ops.find(o => o.operation === 'pause')?.warning).toBe(
      'Argo CD manages Rollout checkout (label app.kubernetes.io/instance=checkout-prod): a change to its spec may be put back from Git; change it in Git too',
    );
  });
});

describe('offeredOperations: Deployment (kubectl rollout)', () => {
  const dep = (spec = {}) =>
    normalizeDeployment(objects.deployment(spec), ctx)[0];

  it('offers pause and restart on a running Deployment', () => {
    expect(offered(offeredOperations(dep()))).toEqual({
      pause: true,
      resume: false,
      restart: true,
    });
  });

  it('offers only resume on a paused Deployment: kubectl refuses to restart it', () => {
    const ops = offeredOperations(dep({ paused: true }));
    expect(offered(ops)).toEqual({
      pause: false,
      resume: true,
      restart: false,
    });
    expect(reasonOf(ops, 'restart')).toBe(
      'kubectl does not restart a paused Deployment: resume it first',
    );
    expect(ops.every(o => o.changesSpec)).toBe(true);
  });
});

describe('offeredOperations: Flagger Canary', () => {
  const canary = (spec = {}, status = {}) =>
    normalizeFlaggerCanary(objects.flaggerCanary(spec, status), ctx)[0];

  it('offers promote (skip analysis) and suspend while the analysis runs', () => {
    expect(offered(offeredOperations(canary()))).toEqual({
      promote: true,
      suspend: true,
      resume: false,
    });
  });

  it('offers only resume on a suspended canary', () => {
    const ops = offeredOperations(canary({ suspend: true }));
    expect(offered(ops)).toEqual({
      promote: false,
      suspend: false,
      resume: true,
    });
    expect(reasonOf(ops, 'promote')).toBe(
      'The canary is suspended: resume it first',
    );
  });

  it('offers no promote when no analysis is underway or skipAnalysis is already set', () => {
    expect(
      reasonOf(
        offeredOperations(canary({}, { phase: 'Succeeded' })),
        'promote',
      ),
    ).toBe(
      'No analysis is underway (phase Succeeded): there is nothing to promote',
    );
    expect(
      offered(offeredOperations(canary({ skipAnalysis: true }))).promote,
    ).toBe(false);
  });
});

describe('offeredOperations: KMOP RolloutPolicy', () => {
  const policy = normalizeKmopRolloutPolicy(objects.kmopRolloutPolicy, ctx)[0];
  const rendered = argo(objects.renderedRollout);

  it('acts on the Rollout it was rendered into, found by its controller ownerReference', () => {
    expect(rendered.renderedFrom).toEqual({
      kind: 'RolloutPolicy',
      name: 'payments',
      via: 'ownerReference',
    });
    // The view lists the rendered Rollout under the policy, not as an item of its own.
    const view = nestRenderedObjects({
      routes: [],
      slos: [],
      rollouts: [policy, rendered],
      resilience: [],
    });
    expect(view.rollouts).toHaveLength(1);
    const ops = offeredOperations(view.rollouts[0], {
      rollouts: view.rollouts,
    });
    expect(offered(ops)).toMatchObject({ promote: true, retry: false });
    expect(ops[0].target).toEqual(rendered.source);
    expect(ops[0].reason).toMatch(
      /on Rollout payments, rendered from this RolloutPolicy/,
    );
  });

  it('finds a GitOps-applied rendering by the kmop.dev/compiled-from annotation', () => {
    const byAnnotation = objects.argoRollout(
      (objects.argoPausedAtStep as { status: Record<string, unknown> }).status,
      {},
      {
        name: 'payments-rollout',
        annotations: { 'kmop.dev/compiled-from': 'RolloutPolicy/payments' },
      },
    );
    const item: KmopRolloutView = argo(byAnnotation);
    const ops = offeredOperations(policy, { rollouts: [item] });
    expect(ops[0].target?.name).toBe('payments-rollout');
  });

  it('offers nothing, and says why, when the rendered object is not in the view', () => {
    const ops = offeredOperations(policy, { rollouts: [policy] });
    expect(ops.map(o => o.offered)).toEqual(ops.map(() => false));
    expect(ops[0].reason).toMatch(
      /^The Rollout this RolloutPolicy renders into is not in this view/,
    );
  });
});

describe('offeredOperations: other kinds', () => {
  it('gives no operations for kinds KMOP does not operate', () => {
    const item = argo(objects.argoHealthy);
    expect(
      offeredOperations({
        ...item,
        source: { ...item.source, apiVersion: 'apps/v1', kind: 'StatefulSet' },
      }),
    ).toEqual([]);
  });
});
