import {
  RELEASE_VIEWS,
  catalogApiFailingAnalysis,
  checkoutBurning,
  checkoutPromotedStillFiring,
} from '@kmop/plugin-kmop-common/testUtils';
import { judgeReleases } from '@kmop/plugin-kmop-common';
import { explainRelease } from './explainRelease';

describe('explainRelease', () => {
  it.each(Object.entries(RELEASE_VIEWS))(
    'gives the release judgement’s verdicts for %s',
    (_name, view) => {
      const judged = judgeReleases(view).releases;
      const explained = explainRelease(view).releases;
      expect(explained.map(r => [r.rolloutId, r.verdict])).toEqual(
        judged.map(r => [r.rollout.id, r.level]),
      );
      expect(explained.map(r => r.reasons.map(x => x.text))).toEqual(
        judged.map(r => r.reasons.map(x => x.text)),
      );
    },
  );

  it('rounds burn as a person reads it and lists the windows fastest first', () => {
    const [slo] = explainRelease(checkoutBurning).slos;
    expect(slo.alerts.map(a => a.windows)).toEqual([
      '1h/5m',
      '6h/30m',
      '1d/2h',
      '3d/6h',
    ]);
    expect(slo.alerts[0]).toEqual({
      severity: 'page',
      name: 'CheckoutHighErrorRate',
      windows: '1h/5m',
      threshold: 14.4,
      longBurn: 16.5,
      shortBurn: 15.2,
      firing: true,
    });
    expect(slo.health).toBe('degraded');
  });

  it('says catalog-api must not be promoted: failed checks and a degraded route', () => {
    const out = explainRelease(catalogApiFailingAnalysis);
    expect(out.releases).toHaveLength(1);
    expect(out.releases[0]).toMatchObject({
      verdict: 'at-risk',
      drives: ['Deployment/catalog-api'],
      routes: ['GRPCRoute/catalog-api'],
    });
    expect(out.text).not.toContain('may proceed');
    expect(out.text).toContain('failed 2 checks');
  });

  it('reports an alert that still fires after the release is done', () => {
    const out = explainRelease(checkoutPromotedStillFiring);
    expect(out.releases).toEqual([]);
    expect(out.firingAlerts).toEqual(['requests-availability: page 1h/5m']);
    expect(out.text).toContain('Alerts still fire');
  });

  it('keeps the account in words short: no figure table restated', () => {
    const out = explainRelease(checkoutBurning);
    expect(out.text.split('\n')).toHaveLength(2);
    expect(out.text).not.toContain('6h/30m');
  });
});
