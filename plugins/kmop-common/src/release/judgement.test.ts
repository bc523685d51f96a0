import type { KmopRolloutView } from '../view';
import {
  catalogApiFailingAnalysis,
  checkoutAborted,
  checkoutBurning,
  checkoutHealthy,
  checkoutPromotedStillFiring,
  noSloRelease,
} from './__fixtures__/releaseViews';
import { isReleaseInProgress } from './inProgress';
import { judgeReleases } from './judgement';

describe('judgeReleases', () => {
  it('says a canary whose SLO fires its page alert is at risk, and why, with rounded figures', () => {
    const { releases, firing, slos } = judgeReleases(checkoutBurning);
    expect(releases).toHaveLength(1);
    const [release] = releases;
    expect(release.level).toBe('at-risk');
    expect(release.headline).toMatch(/burning error budget too fast/);
    expect(release.step).toEqual({ current: 2, of: 5 });
    const alert = release.reasons.find(r => r.kind === 'slo-alert');
    expect(alert?.text).toContain('16.5× over 1h and 15.2× over 5m');
    expect(alert?.text).toContain('14.4× threshold');
    expect(firing.map(f => f.burn.alert.severity)).toEqual(['page']);
    // The SLO's own health word agrees with the figures beside it.
    expect(slos[0].health).toBe('degraded');
    expect(checkoutBurning.slos[0].healthReason).toMatch(/too fast/);
  });

  it('finds the route that carries the canary by its backends', () => {
    const [release] = judgeReleases(checkoutBurning).releases;
    expect(release.routes.map(r => r.source.name)).toEqual(['checkout']);
  });

  it('lets a release proceed only when every SLO has figures and nothing fires', () => {
    const [release] = judgeReleases(checkoutHealthy).releases;
    expect(release.level).toBe('healthy');
    expect(release.reasons).toEqual([]);
    expect(checkoutHealthy.slos[0].health).toBe('ok');
  });

  it('keeps an aborted rollout as a release that needs a decision', () => {
    const [release] = judgeReleases(checkoutAborted).releases;
    expect(release.level).toBe('aborted');
    expect(release.reasons[0]).toMatchObject({ kind: 'aborted' });
    expect(release.headline).toMatch(/back on the stable version/);
  });

  it('still reports an alert that fires after a full promotion', () => {
    const judgement = judgeReleases(checkoutPromotedStillFiring);
    expect(judgement.releases).toEqual([]);
    expect(judgement.firing).toHaveLength(1);
    expect(judgement.firing[0].slo.name).toBe('requests-availability');
  });

  it("weighs a Flagger canary's failed checks and its degraded route, as one release with its Deployment", () => {
    const judgement = judgeReleases(catalogApiFailingAnalysis);
    expect(judgement.releases).toHaveLength(1);
    const [release] = judgement.releases;
    expect(release.rollout.source.kind).toBe('Canary');
    expect(release.driven.map(d => d.source.kind)).toEqual(['Deployment']);
    expect(judgement.drivenIds).toEqual([release.driven[0].id]);
    expect(release.level).toBe('at-risk');
    expect(release.reasons.map(r => r.kind)).toEqual(['analysis', 'route']);
    expect(release.reasons[0].text).toBe(
      'The canary analysis has failed 2 checks of 5 allowed before rollback.',
    );
    expect(release.headline).toMatch(/analysis is failing/);
  });

  it('reads a Pyrra SLO with live figures and no alert firing as ok', () => {
    const [slo] = catalogApiFailingAnalysis.slos;
    expect(slo.source.kind).toBe('ServiceLevelObjective');
    expect(slo.health).toBe('ok');
    expect(slo.healthReason).toMatch(/No burn-rate alert fires \(4 of 4/);
  });

  it('says when no SLO covers the service', () => {
    const [release] = judgeReleases(noSloRelease).releases;
    expect(release.level).toBe('no-slo');
  });

  it('says a release cannot be judged when its SLO has no figures', () => {
    const view = {
      ...checkoutHealthy,
      slos: checkoutAborted.slos,
    };
    const [release] = judgeReleases(view).releases;
    expect(release.level).toBe('unjudged');
    expect(release.reasons.map(r => r.kind)).toEqual(['no-figures']);
  });

  it('treats a budget of exactly zero as spent', () => {
    const spent = {
      ...checkoutHealthy,
      slos: [{ ...checkoutHealthy.slos[0], errorBudgetRemaining: 0 }],
    };
    const [release] = judgeReleases(spent).releases;
    expect(release.level).toBe('at-risk');
    expect(release.reasons.map(r => r.kind)).toEqual(['slo-budget']);
  });

  it('says data from a stale cluster may be out of date', () => {
    const stale = {
      ...checkoutHealthy,
      clusters: [
        {
          name: 'demo',
          state: 'ready' as const,
          staleSince: '2026-12-06T09:59:00Z',
        },
      ],
    };
    const [release] = judgeReleases(stale).releases;
    expect(release.reasons.map(r => r.kind)).toEqual(['cluster']);
  });
});

describe('isReleaseInProgress', () => {
  const base = checkoutHealthy.rollouts[0];
  const finished: KmopRolloutView = {
    ...base,
    health: 'ok',
    paused: false,
    aborted: false,
    steps: base.steps.map(s => ({ ...s, state: 'done' as const })),
  };

  it('is false for a finished rollout and true for each sign of a release', () => {
    expect(isReleaseInProgress(finished)).toBe(false);
    expect(isReleaseInProgress({ ...finished, aborted: true })).toBe(true);
    expect(isReleaseInProgress({ ...finished, paused: true })).toBe(true);
    expect(isReleaseInProgress({ ...finished, health: 'progressing' })).toBe(
      true,
    );
    expect(
      isReleaseInProgress({
        ...finished,
        steps: [{ ...finished.steps[0], state: 'current' }],
      }),
    ).toBe(true);
  });
});
