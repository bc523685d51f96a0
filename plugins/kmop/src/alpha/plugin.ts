import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
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
 * @alpha
 */
export const kmopPlugin = createFrontendPlugin({
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
