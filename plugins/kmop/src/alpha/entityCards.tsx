import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { KmopExtensionDefinition } from './extensionDefinition';
import { kmopEntityFilter } from './filters';

const loadCards = () => import('../components/cards/EntityKmopCards');

/** Compact health of every section and cluster. @alpha */
export const kmopHealthCard: KmopExtensionDefinition<
  typeof EntityCardBlueprint,
  'health'
> = EntityCardBlueprint.make({
  name: 'health',
  params: {
    type: 'info',
    filter: kmopEntityFilter,
    loader: () =>
      loadCards().then(m => compatWrapper(<m.EntityKmopHealthCard />)),
  },
});

/** @alpha */
export const kmopRoutesCard: KmopExtensionDefinition<
  typeof EntityCardBlueprint,
  'routes'
> = EntityCardBlueprint.make({
  name: 'routes',
  // Full section cards make the overview long: off unless app-config enables them.
  disabled: true,
  params: {
    type: 'content',
    filter: kmopEntityFilter,
    loader: () =>
      loadCards().then(m => compatWrapper(<m.EntityKmopRoutesCard />)),
  },
});

/** @alpha */
export const kmopSlosCard: KmopExtensionDefinition<
  typeof EntityCardBlueprint,
  'slos'
> = EntityCardBlueprint.make({
  name: 'slos',
  // Full section cards make the overview long: off unless app-config enables them.
  disabled: true,
  params: {
    type: 'content',
    filter: kmopEntityFilter,
    loader: () =>
      loadCards().then(m => compatWrapper(<m.EntityKmopSlosCard />)),
  },
});

/** @alpha */
export const kmopRolloutsCard: KmopExtensionDefinition<
  typeof EntityCardBlueprint,
  'rollouts'
> = EntityCardBlueprint.make({
  name: 'rollouts',
  // Full section cards make the overview long: off unless app-config enables them.
  disabled: true,
  params: {
    type: 'content',
    filter: kmopEntityFilter,
    loader: () =>
      loadCards().then(m => compatWrapper(<m.EntityKmopRolloutsCard />)),
  },
});

/** @alpha */
export const kmopResilienceCard: KmopExtensionDefinition<
  typeof EntityCardBlueprint,
  'resilience'
> = EntityCardBlueprint.make({
  name: 'resilience',
  // Full section cards make the overview long: off unless app-config enables them.
  disabled: true,
  params: {
    type: 'content',
    filter: kmopEntityFilter,
    loader: () =>
      loadCards().then(m => compatWrapper(<m.EntityKmopResilienceCard />)),
  },
});

/** Readiness over the twelve components, compact, linking to the tab. @alpha */
export const kmopReadinessCard: KmopExtensionDefinition<
  typeof EntityCardBlueprint,
  'readiness'
> = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    type: 'info',
    filter: kmopEntityFilter,
    loader: () =>
      import('../components/readiness/EntityKmopReadinessCard').then(m =>
        compatWrapper(<m.EntityKmopReadinessCard />),
      ),
  },
});
