import * as objects from '../../release/__fixtures__/operationObjects';
import { normalizeArgoRollout } from './argoRollout';
import { normalizeDeployment } from './deployment';
import { normalizeFlaggerCanary } from './flaggerCanary';

const ctx = { cluster: 'prod' };

describe('rollout control facts, rendering and GitOps markers', () => {
  it('reads what kubectl argo rollouts decides from', () => {
    const [ro] = normalizeArgoRollout(objects.argoPausedAtStep, ctx);
    expect(ro.control).toEqual({
      specPaused: false,
      pauseConditions: 1,
      controllerPause: true,
      fullyPromoted: false,
    });
    expect(ro.gitOps).toBeUndefined();
    expect(ro.renderedFrom).toBeUndefined();
  });

  it('does not guess fullyPromoted before both pod hashes are reported', () => {
    const [ro] = normalizeArgoRollout(objects.argoNoHashes, ctx);
    expect(ro.control?.fullyPromoted).toBeUndefined();
  });

  it('leaves out pauseConditions when the field is malformed, and says so', () => {
    const [ro] = normalizeArgoRollout(
      objects.argoRollout({
        phase: 'Paused',
        pauseConditions: 'CanaryPauseStep',
        currentPodHash: 'a',
        stableRS: 'b',
      }),
      ctx,
    );
    expect(ro.control?.pauseConditions).toBeUndefined();
    expect(ro.health).toBe('unknown');
    expect(ro.healthReason).toMatch(/status.pauseConditions/);
  });

  it('reads spec.paused of a Deployment and the Flagger levers', () => {
    const [dep] = normalizeDeployment(
      objects.deployment({ paused: true }),
      ctx,
    );
    expect(dep.control).toEqual({ specPaused: true });
    const [canary] = normalizeFlaggerCanary(
      objects.flaggerCanary({ skipAnalysis: true }),
      ctx,
    );
    expect(canary.control).toEqual({ suspended: false, skipAnalysis: true });
  });

  it('names the GitOps tool from Flux and Argo CD markers', () => {
    const flux = objects.deployment();
    (flux.metadata as Record<string, unknown>).labels = {
      'kustomize.toolkit.fluxcd.io/name': 'apps',
    };
    expect(normalizeDeployment(flux, ctx)[0].gitOps).toEqual({
      tool: 'Flux',
      marker: 'label kustomize.toolkit.fluxcd.io/name=apps',
    });
    const [argo] = normalizeArgoRollout(
      objects.argoRollout(
        {},
        {},
        {
          annotations: {
            'argocd.argoproj.io/tracking-id':
              'shop:argoproj.io/Rollout:shop/checkout',
          },
        },
      ),
      ctx,
    );
    expect(argo.gitOps?.tool).toBe('Argo CD');
  });
});
