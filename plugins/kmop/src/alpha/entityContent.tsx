import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { KmopExtensionDefinition } from './extensionDefinition';
import { kmopEntityFilter } from './filters';

/** The KMOP tab. @alpha */
export const kmopEntityContent: KmopExtensionDefinition<
  typeof EntityContentBlueprint,
  undefined
> = EntityContentBlueprint.make({
  params: {
    path: '/kmop',
    title: 'KMOP',
    group: 'deployment',
    filter: kmopEntityFilter,
    // Fetched by the browser once the app has loaded (a prefetch link), so the tab does not
    // wait for its code after the entity's catalog read (yarn bench:page measured that step
    // at 30–210 ms on loopback; a real network adds a round trip).
    loader: () =>
      import(
        /* webpackPrefetch: true */ '../components/EntityKmopContent/EntityKmopContent'
      ).then(m => compatWrapper(<m.EntityKmopContent />)),
  },
});
