import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import {
  DEMO_SEEDS,
  startKmopBackend,
  userAuth,
} from '../__testUtils__/testBackend';

describe('kmop.entity.read', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startKmopBackend>>;

  beforeAll(async () => {
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    backend = await startKmopBackend({
      clusters: [{ name: 'demo', url: sim.url }],
      extraFeatures: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.close();
  });

  it('answers 403 and no data when the policy denies it', async () => {
    const res = await request(backend.server)
      .get('/api/kmop/v1/entities/component/default/checkout')
      .set('Authorization', userAuth());
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body).not.toHaveProperty('routes');
  });
});
