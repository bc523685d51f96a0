import { KmopEntityView } from '@kmop/plugin-kmop-common';
import {
  NO_KMOP,
  OUTSIDER,
  startActionsBackend,
} from './__testUtils__/actionsBackend';

jest.setTimeout(30_000);

describe('kmop:get-entity-view', () => {
  let env: Awaited<ReturnType<typeof startActionsBackend>>;

  beforeAll(async () => {
    env = await startActionsBackend();
  }, 30_000);

  afterAll(() => env?.stop());

  it('returns the view of checkout, with the cluster that is down named and the other’s items', async () => {
    const res = await env.invoke('get-entity-view', { entityRef: 'checkout' });
    expect(res.status).toBe(200);
    const view: KmopEntityView = res.body.output;
    expect(view.entityRef).toBe('component:default/checkout');
    expect(view.target).toMatchObject({ serviceName: 'checkout' });
    const rollout = view.rollouts.find(r => r.source.kind === 'Rollout')!;
    expect(rollout).toMatchObject({
      strategy: 'canary',
      source: { cluster: 'good' },
    });
    // the output schema is the view type's: a section keeps its own fields
    expect(rollout.steps.length).toBeGreaterThan(0);
    expect(view.routes.length).toBeGreaterThan(0);
    expect(view.slos.length).toBeGreaterThan(0);
    expect(view.clusters.find(c => c.name === 'good')!.state).toBe('ready');
    expect(view.clusters.find(c => c.name === 'down')).toMatchObject({
      state: 'error',
      error: { kind: 'unreachable' },
    });
  });

  it('says which field is wrong for a malformed entity ref', async () => {
    const res = await env.invoke('get-entity-view', {
      entityRef: 'component:default/no way!',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError' });
    expect(res.body.error.message).toMatch(/^entityRef: /);
  });

  it('rejects a missing entityRef', async () => {
    const res = await env.invoke('get-entity-view', {});
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(
      'entityRef is required: expected string',
    );
  });

  it('gives a caller who may not see the entity nothing about it', async () => {
    const res = await env.invoke(
      'get-entity-view',
      { entityRef: 'checkout' },
      OUTSIDER,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect(JSON.stringify(res.body)).not.toContain('shop.example.com');
    expect(res.body).not.toHaveProperty('output');
  });

  it('answers 403 and no data when the policy denies kmop.entity.read', async () => {
    const res = await env.invoke(
      'get-entity-view',
      { entityRef: 'checkout' },
      NO_KMOP,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body).not.toHaveProperty('output');
  });
});
