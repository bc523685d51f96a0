import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { kmopEntityFilter } from './filters';

const loadCards = () => import('../components/cards/EntityKmopCards');

/** Compact health of every section and cluster. @alpha */
export const kmopHealthCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    type: 'info',
    filter: kmopEntityFilter,
    loader: () =>
      loadCards().then(m => compatWrapper(<m.EntityKmopHealthCard />)),
  },
});

/** @alpha */
export const kmopRoutesCard = EntityCardBlueprint.make({
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
export const kmopSlosCard = EntityCardBlueprint.make({
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
export const kmopRolloutsCard = EntityCardBlueprint.make({
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
export const kmopResilienceCard = EntityCardBlueprint.make({
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
export const kmopReadinessCard = EntityCardBlueprint.make({
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
