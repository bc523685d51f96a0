// The stand-in app's backend: what a platform team writes in packages/backend/src/index.ts,
// with KMOP's backend plugin and modules added from the installed tarballs. The packaging
// check copies this file into the stand-in app (outside the repository) and runs it there,
// so every import resolves from the stand-in's node_modules only.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
// Guest sign-in, so the stand-in frontend gets a real user token for KMOP's API.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage-community/plugin-tech-insights-backend'));

backend.add(import('@kmop/plugin-kmop-backend'));
backend.add(import('@kmop/plugin-catalog-backend-module-kmop'));
backend.add(import('@kmop/plugin-scaffolder-backend-module-kmop'));
backend.add(import('@kmop/plugin-tech-insights-backend-module-kmop'));

backend.start();
