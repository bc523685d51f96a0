import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { kmopApi } from './apis';
import {
  kmopHealthCard,
  kmopResilienceCard,
  kmopRolloutsCard,
  kmopRoutesCard,
  kmopSlosCard,
} from './entityCards';
import { kmopEntityContent } from './entityContent';

/**
 * KMOP for the new frontend system: the API, the KMOP entity tab and five overview cards.
 *
 * @alpha
 */
export const kmopPlugin = createFrontendPlugin({
  pluginId: 'kmop',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    kmopApi,
    kmopEntityContent,
    kmopHealthCard,
    kmopRoutesCard,
    kmopSlosCard,
    kmopRolloutsCard,
    kmopResilienceCard,
  ],
});
