import { compatWrapper } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import DashboardIcon from '@material-ui/icons/Dashboard';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { orgRouteRef } from '../routes';
import { KmopExtensionDefinition } from './extensionDefinition';

/**
 * The organisation page at `/kmop`; its title and icon make it a sidebar entry.
 *
 * @alpha
 */
export const kmopOrgPage: KmopExtensionDefinition<typeof PageBlueprint, 'org'> =
  PageBlueprint.make({
    name: 'org',
    params: {
      path: '/kmop',
      title: 'KMOP',
      icon: <DashboardIcon />,
      routeRef: convertLegacyRouteRef(orgRouteRef),
      loader: () =>
        import('../components/org/KmopOrgPage').then(m =>
          compatWrapper(<m.KmopOrgPage />),
        ),
    },
  });

/**
 * Systems and Groups whose components KMOP rolls up.
 *
 * @alpha
 */
export const kmopRollupFilter = { kind: { $in: ['system', 'group'] } };

/**
 * The KMOP tab of a System or Group.
 *
 * @alpha
 */
export const kmopRollupContent: KmopExtensionDefinition<
  typeof EntityContentBlueprint,
  'rollup'
> = EntityContentBlueprint.make({
  name: 'rollup',
  params: {
    path: '/kmop',
    title: 'KMOP',
    filter: kmopRollupFilter,
    loader: () =>
      import('../components/org/EntityKmopRollupContent').then(m =>
        compatWrapper(<m.EntityKmopRollupContent />),
      ),
  },
});
