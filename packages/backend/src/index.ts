import { createBackend } from '@backstage/backend-defaults';
import { demoPermissionPolicyModule } from './permissions/demoPermissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider is for development only (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Every KMOP Microservice in the clusters becomes a Component.
backend.add(import('@kmop/plugin-catalog-backend-module-kmop'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@kmop/plugin-scaffolder-backend-module-kmop'));

// Permissions are enforced. The demo policy allows everything but operating a
// release, which it allows to the entity's owners; a real installation replaces it
// with its own (README: "The demo's permission policy").
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(demoPermissionPolicyModule);

backend.add(import('@backstage/plugin-kubernetes-backend'));

// KMOP: the entity view backend and the scaffolder actions.
backend.add(import('@kmop/plugin-kmop-backend'));
// Pushes KMOP's "this entity's view changed" signals to open pages (WebSocket).
backend.add(import('@backstage/plugin-signals-backend'));

// Tech Insights, with KMOP's readiness as facts (kmopReadinessFactRetriever) for
// Tech Insights checks and scorecards.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(import('@kmop/plugin-tech-insights-backend-module-kmop'));

// Actions-registry actions (KMOP's, see backend.actions.pluginSources) as MCP
// tools at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
