import { waitFor } from '../__testUtils__/testBackend';
import {
  NO_KMOP,
  OUTSIDER,
  startActionsBackend,
} from './__testUtils__/actionsBackend';

jest.setTimeout(30_000);

describe('kmop:explain-release', () => {
  let env: Awaited<ReturnType<typeof startActionsBackend>>;

  beforeAll(async () => {
    env = await startActionsBackend();
  }, 30_000);

  afterAll(() => env?.stop());

  it('explains the checkout canary: step, weight, revisions, and that its SLOs have no figures to judge by', async () => {
    const res = await env.invoke('explain-release', {
      entityRef: 'component:default/checkout',
    });
    expect(res.status).toBe(200);
    const out = res.body.output;
    expect(out.entityRef).toBe('component:default/checkout');
    expect(out.clusterErrors).toEqual(['down']);
    const release = out.releases.find((r: { source: string }) =>
      r.source.startsWith('good/Rollout/'),
    );
    expect(release).toMatchObject({
      strategy: 'canary',
      step: { current: 2 },
      canaryWeight: 20,
      paused: true,
      aborted: false,
      verdict: 'unjudged',
    });
    expect(out.text).toContain('step 2 of 6, 20% on the canary');
    expect(out.slos.map((s: { name: string }) => s.name).sort()).toEqual([
      'payment-step-latency',
      'requests-availability',
    ]);
    expect(out.text).toContain('Clusters in error');
  });

  it('says to hold a payments rollout while its latency SLO burns faster than the page alert', async () => {
    const before = await env.invoke('explain-release', {
      entityRef: 'payments',
    });
    expect(before.body.output.releases).toEqual([]);
    expect(before.body.output.text).toContain('no release in progress');

    // The scenario: payments' latency SLO burns fast, as an SLO evaluator reports it in
    // the SLO's status (examples/cluster carries no status; the demo's operator writes it).
    env.good.store.patch(
      {
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'ServiceLevelObjective',
        namespace: 'payments',
        name: 'payments-latency',
      },
      {
        status: {
          sli: 0.9871,
          errorBudgetRemaining: -0.29,
          burnRates: [
            { window: '5m', rate: 16.2 },
            { window: '1h', rate: 15.1 },
            { window: '6h', rate: 4.2 },
            { window: '3d', rate: 1.4 },
          ],
        },
      },
    );
    env.good.store.patch(
      {
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'RolloutPolicy',
        namespace: 'payments',
        name: 'payments',
      },
      {
        status: {
          phase: 'Paused',
          currentStepIndex: 1,
          canaryWeight: 10,
          canaryRevision: '8e1f2a3b4',
        },
      },
    );
    let out:
      | {
          releases: { verdict: string; reasons: { text: string }[] }[];
          slos: {
            name: string;
            alerts: { severity: string; windows: string; firing?: boolean }[];
          }[];
        }
      | undefined;
    await waitFor('the paused payments rollout', async () => {
      out = (await env.invoke('explain-release', { entityRef: 'payments' }))
        .body.output;
      return out!.releases.length > 0;
    });
    const release = out!.releases[0];
    expect(release.verdict).toBe('at-risk');
    expect(release.reasons[0].text).toMatch(
      /^payments-latency burns its error budget too fast: page alert: /,
    );
    const firing = (sloName: string) =>
      out!.slos
        .find(s => s.name === sloName)!
        .alerts.filter(a => a.firing)
        .map(a => `${a.severity} ${a.windows}`);
    expect(firing('payments-latency')).toEqual(['page 1h/5m', 'ticket 3d/6h']);
    expect(firing('payments-availability')).toEqual([]);
  });

  it('names the field of a malformed entity ref', async () => {
    const res = await env.invoke('explain-release', { entityRef: '::' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^entityRef: /);
  });

  it('tells a caller who may not see the entity nothing', async () => {
    const hidden = await env.invoke(
      'explain-release',
      { entityRef: 'checkout' },
      OUTSIDER,
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body).not.toHaveProperty('output');
    const denied = await env.invoke(
      'explain-release',
      { entityRef: 'checkout' },
      NO_KMOP,
    );
    expect(denied.status).toBe(403);
    expect(denied.body).not.toHaveProperty('output');
  });
});
