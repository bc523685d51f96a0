import {
  OverridableFrontendPlugin,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { kmopApi } from './apis';
import {
  kmopHealthCard,
  kmopReadinessCard,
  kmopResilienceCard,
  kmopRolloutsCard,
  kmopRoutesCard,
  kmopSlosCard,
} from './entityCards';
import { kmopEntityContent } from './entityContent';
import { kmopOrgPage, kmopRollupContent } from './orgPage';

/**
 * KMOP for the new frontend system: the API, the KMOP entity tab, the KMOP tab of Systems and
 * Groups, the organisation page (`/kmop`) and the overview cards (health and readiness on by
 * default; the four full section cards off unless app-config enables them).
 *
 * Its type names each extension by its own declaration, so that the API report shows no inferred
 * union (whose order TypeScript may pick anew in each build).
 *
 * @alpha
 */
export const kmopPlugin: OverridableFrontendPlugin<
  {},
  {},
  {
    'api:kmop': typeof kmopApi;
    'entity-content:kmop': typeof kmopEntityContent;
    'entity-content:kmop/rollup': typeof kmopRollupContent;
    'page:kmop/org': typeof kmopOrgPage;
    'entity-card:kmop/health': typeof kmopHealthCard;
    'entity-card:kmop/readiness': typeof kmopReadinessCard;
    'entity-card:kmop/routes': typeof kmopRoutesCard;
    'entity-card:kmop/slos': typeof kmopSlosCard;
    'entity-card:kmop/rollouts': typeof kmopRolloutsCard;
    'entity-card:kmop/resilience': typeof kmopResilienceCard;
  }
> = createFrontendPlugin({
  pluginId: 'kmop',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    kmopApi,
    kmopEntityContent,
    kmopRollupContent,
    kmopOrgPage,
    kmopHealthCard,
    kmopReadinessCard,
    kmopRoutesCard,
    kmopSlosCard,
    kmopRolloutsCard,
    kmopResilienceCard,
  ],
});
