import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import request from 'supertest';
import {
  DEMO_SEEDS,
  OUTSIDER,
  startKmopBackend,
  userAuth,
  waitFor,
} from '../../__testUtils__/testBackend';

export { OUTSIDER };

/** A user who may see every entity but whom the policy denies every KMOP permission. */
export const NO_KMOP = 'user:default/no-kmop';

/** A permission policy that allows everyone but {@link OUTSIDER} and {@link NO_KMOP}. */
const outsiderDenied = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      async authorize(
        requests: unknown[],
        options: { credentials: { principal: unknown } },
      ) {
        const principal = options.credentials.principal as {
          userEntityRef?: string;
        };
        const result =
          principal.userEntityRef === OUTSIDER ||
          principal.userEntityRef === NO_KMOP
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW;
        return requests.map(() => ({ result }));
      },
      async authorizeConditional(requests: unknown[]) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    } as never),
});

/**
 * The KMOP plugin with Backstage's real actions registry (so actions are called
 * over HTTP as the MCP backend and the scaffolder call them), the demo entities,
 * and two clusters serving the demo objects: `good`, and `down`, which refuses
 * connections from the start.
 */
export async function startActionsBackend() {
  const good: KubeSim = await startKubeSim({ seeds: DEMO_SEEDS });
  const down: KubeSim = await startKubeSim({ seeds: DEMO_SEEDS });
  await down.faults.down('refuse');
  const backend = await startKmopBackend({
    clusters: [
      { name: 'good', url: good.url },
      { name: 'down', url: down.url },
    ],
    extraFeatures: [actionsRegistryServiceFactory, outsiderDenied],
  });
  const invoke = (id: string, input: unknown, user?: string) =>
    request(backend.server)
      .post(`/api/kmop/.backstage/actions/v1/actions/kmop:${id}/invoke`)
      .set('Authorization', userAuth(user))
      .send(input as object);
  await waitFor(
    'good to sync and down to fail',
    async () => {
      const res = await request(backend.server)
        .get('/api/kmop/v1/clusters')
        .set('Authorization', userAuth());
      const state = Object.fromEntries(
        (res.body.items ?? []).map((c: { name: string; state: string }) => [
          c.name,
          c.state,
        ]),
      );
      return state.good === 'ready' && state.down === 'error';
    },
    20_000,
  );
  return {
    backend,
    invoke,
    good,
    async stop() {
      await backend.stop();
      await good.close();
      await down.close();
    },
  };
}
