import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { KmopClient, kmopApiRef } from './api';
import { orgRouteRef, rootRouteRef } from './routes';

/**
 * KMOP in the legacy frontend system. The new system's plugin is the default export of
 * `@kmop/plugin-kmop/alpha`.
 *
 * @public
 */
export const kmopPlugin = createPlugin({
  id: 'kmop',
  apis: [
    createApiFactory({
      api: kmopApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KmopClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, org: orgRouteRef },
});

/**
 * The KMOP entity tab.
 *
 * @public
 */
export const EntityKmopContent = kmopPlugin.provide(
  createRoutableExtension({
    name: 'EntityKmopContent',
    component: () => import('./components').then(m => m.EntityKmopContent),
    mountPoint: rootRouteRef,
  }),
);

function card(name: string, load: () => Promise<() => JSX.Element>) {
  return kmopPlugin.provide(
    createComponentExtension({ name, component: { lazy: load } }),
  );
}

/** @public */
export const EntityKmopRoutesCard = card('EntityKmopRoutesCard', () =>
  import('./components').then(m => m.EntityKmopRoutesCard),
);
/** @public */
export const EntityKmopSlosCard = card('EntityKmopSlosCard', () =>
  import('./components').then(m => m.EntityKmopSlosCard),
);
/** @public */
export const EntityKmopRolloutsCard = card('EntityKmopRolloutsCard', () =>
  import('./components').then(m => m.EntityKmopRolloutsCard),
);
/** @public */
export const EntityKmopResilienceCard = card('EntityKmopResilienceCard', () =>
  import('./components').then(m => m.EntityKmopResilienceCard),
);
/** @public */
export const EntityKmopHealthCard = card('EntityKmopHealthCard', () =>
  import('./components').then(m => m.EntityKmopHealthCard),
);
/** @public */
export const EntityKmopReadinessCard = card('EntityKmopReadinessCard', () =>
  import('./components').then(m => m.EntityKmopReadinessCard),
);

/**
 * The organisation page: every service with owner, clusters, health, SLO budget left,
 * rollout state and readiness, and what is rolling out and burning now.
 *
 * @public
 */
export const KmopOrgPage = kmopPlugin.provide(
  createRoutableExtension({
    name: 'KmopOrgPage',
    component: () => import('./components').then(m => m.KmopOrgPage),
    mountPoint: orgRouteRef,
  }),
);

/**
 * The KMOP tab of a System or Group: its components rolled up.
 *
 * @public
 */
export const EntityKmopRollupContent = kmopPlugin.provide(
  createComponentExtension({
    name: 'EntityKmopRollupContent',
    component: {
      lazy: () => import('./components').then(m => m.EntityKmopRollupContent),
    },
  }),
);
