// The stand-in app's frontend: the new frontend system's createApp with the catalog and
// KMOP (from the installed tarball). frontend.mjs bundles it for the browser.
import { createApp } from '@backstage/frontend-defaults';
import { ConfigReader } from '@backstage/config';
import { createRoot } from 'react-dom/client';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kmopPlugin from '@kmop/plugin-kmop/alpha';
import * as kmopLegacy from '@kmop/plugin-kmop';

export { kmopPlugin, kmopLegacy };

export function render(element, appConfig) {
  const app = createApp({
    features: [catalogPlugin, kmopPlugin],
    advanced: {
      configLoader: async () => ({
        config: ConfigReader.fromConfigs([
          { context: 'stand-in', data: appConfig },
        ]),
      }),
    },
  });
  createRoot(element).render(app.createRoot());
}
