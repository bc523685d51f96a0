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
    loader: () =>
      import('../components/EntityKmopContent/EntityKmopContent').then(m =>
        compatWrapper(<m.EntityKmopContent />),
      ),
  },
});
