import * as objects from './__fixtures__/operationObjects';
import {
  KmopOperationPlanError,
  MERGE_PATCH,
  STRATEGIC_MERGE_PATCH,
  buildOperationPlan,
} from './patches';
import type { KmopOperationName } from './operations';

const now = new Date('2026-12-06T10:15:30.123Z');
const plan = (object: unknown, operation: KmopOperationName) =>
  buildOperationPlan({ object, operation, resourceVersion: '41', now });
const rv = { metadata: { resourceVersion: '41' } };

describe('buildOperationPlan: Argo Rollouts (kubectl argo rollouts)', () => {
  it('promote at a pause step clears the pause conditions through the status subresource', () => {
    expect(plan(objects.argoPausedAtStep, 'promote')).toEqual({
      tool: 'argo-rollouts',
      operation: 'promote',
      status: {
        method: 'PATCH',
        subresource: 'status',
        contentType: MERGE_PATCH,
        body: { status: { pauseConditions: null }, ...rv },
      },
      mainWithoutStatusSubresource: {
        method: 'PATCH',
        subresource: 'main',
        contentType: MERGE_PATCH,
        body: {
          spec: { paused: false },
          status: { pauseConditions: null },
          ...rv,
        },
      },
    });
  });

  it('promote during an analysis moves to the next step instead', () => {
    const p = plan(objects.argoAnalysing, 'promote');
    expect(p.status?.body).toEqual({
      status: { pauseConditions: null, currentStepIndex: 3 },
      ...rv,
    });
    expect(p.mainWithoutStatusSubresource?.body).toEqual({
      spec: { paused: false },
      status: { pauseConditions: null, currentStepIndex: 3 },
      ...rv,
    });
    expect(p.main).toBeUndefined();
  });

  it('promote after an inconclusive analysis also clears controllerPause', () => {
    expect(plan(objects.argoInconclusive, 'promote').status?.body).toEqual({
      status: {
        pauseConditions: null,
        controllerPause: false,
        currentStepIndex: 3,
      },
      ...rv,
    });
  });

  it('promote of a rollout paused by hand also unpauses spec on the main resource', () => {
    const p = plan(objects.argoPausedByHand, 'promote');
    expect(p.main).toEqual({
      method: 'PATCH',
      subresource: 'main',
      contentType: MERGE_PATCH,
      body: { spec: { paused: false }, ...rv },
    });
    expect(p.status?.body).toEqual({
      status: { pauseConditions: null, currentStepIndex: 1 },
      ...rv,
    });
  });

  it('promote-full sets status.promoteFull, with no fallback, and nothing when fully promoted', () => {
    const p = plan(objects.argoPausedAtStep, 'promote-full');
    expect(p.status?.body).toEqual({ status: { promoteFull: true }, ...rv });
    expect(p.mainWithoutStatusSubresource).toBeUndefined();
    const none = plan(objects.argoHealthy, 'promote-full');
    expect(none.status).toBeUndefined();
    expect(none.main).toBeUndefined();
  });

  it('abort and retry patch status.abort, falling back to the main resource on 404', () => {
    const abort = plan(objects.argoPausedAtStep, 'abort');
    expect(abort.status?.body).toEqual({ status: { abort: true }, ...rv });
    expect(abort.mainWithoutStatusSubresource).toEqual({
      method: 'PATCH',
      subresource: 'main',
      contentType: MERGE_PATCH,
      body: { status: { abort: true }, ...rv },
    });
    expect(plan(objects.argoAborted, 'retry').status?.body).toEqual({
      status: { abort: false },
      ...rv,
    });
  });

  it('pause and restart are merge patches of spec', () => {
    expect(plan(objects.argoAnalysing, 'pause').main?.body).toEqual({
      spec: { paused: true },
      ...rv,
    });
    expect(plan(objects.argoHealthy, 'restart').main).toEqual({
      method: 'PATCH',
      subresource: 'main',
      contentType: MERGE_PATCH,
      body: { spec: { restartAt: '2026-12-06T10:15:30Z' }, ...rv },
    });
  });
});

describe('buildOperationPlan: Deployment (kubectl rollout, strategic merge)', () => {
  it('pause, resume and restart send what kubectl sends', () => {
    const d = objects.deployment();
    expect(plan(d, 'pause').main).toEqual({
      method: 'PATCH',
      subresource: 'main',
      contentType: STRATEGIC_MERGE_PATCH,
      body: { spec: { paused: true }, ...rv },
    });
    expect(plan(d, 'resume').main?.body).toEqual({
      spec: { paused: null },
      ...rv,
    });
    expect(plan(d, 'restart').main?.body).toEqual({
      spec: {
        template: {
          metadata: {
            annotations: {
              'kubectl.kubernetes.io/restartedAt': '2026-12-06T10:15:30Z',
            },
          },
        },
      },
      ...rv,
    });
  });
});

describe('buildOperationPlan: Flagger Canary (merge patches of spec)', () => {
  it('promote, suspend and resume', () => {
    const c = objects.flaggerCanary();
    expect(plan(c, 'promote').main).toEqual({
      method: 'PATCH',
      subresource: 'main',
      contentType: MERGE_PATCH,
      body: { spec: { skipAnalysis: true }, ...rv },
    });
    expect(plan(c, 'suspend').main?.body).toEqual({
      spec: { suspend: true },
      ...rv,
    });
    expect(plan(c, 'resume').main?.body).toEqual({
      spec: { suspend: false },
      ...rv,
    });
  });
});

describe('buildOperationPlan: refusals', () => {
  it('refuses an operation the kind does not have, and kinds KMOP does not operate', () => {
    expect(() => plan(objects.deployment(), 'abort')).toThrow(
      new KmopOperationPlanError(
        'Deployment has no operation abort; it has pause, resume, restart',
      ),
    );
    expect(() => plan(objects.kmopRolloutPolicy, 'promote')).toThrow(
      'KMOP does not operate kmop.dev/v1alpha1 RolloutPolicy objects',
    );
  });
});
