import { kmopEntityReadPermission } from '@kmop/plugin-kmop-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import { denyOne } from '../__testUtils__/denyOne';
import {
  DEMO_SEEDS,
  startKmopBackend,
  userAuth,
} from '../__testUtils__/testBackend';

describe('kmop.entity.read', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;
  // The policy denies kmop.entity.read on checkout only.
  const permissions = denyOne(
    kmopEntityReadPermission,
    'component:default/checkout',
  );

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      extraFeatures: [permissions.factory],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  it('answers 403 and no data when the policy denies it for the entity', async () => {
    const res = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/checkout')
      .set('Authorization', userAuth());
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body).not.toHaveProperty('routes');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: kmopEntityReadPermission,
          resourceRef: 'component:default/checkout',
        },
      ],
      expect.anything(),
    );
  });

  it('answers another entity the same caller may read', async () => {
    const res = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/payments')
      .set('Authorization', userAuth());
    expect(res.status).toBe(200);
  });
});
