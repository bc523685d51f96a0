import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import { clusterStatusSchema, itemSchema } from './outputSchemas';
import { parseEntityRefInput } from './parseEntityRefInput';
import { readableNumbers } from './readableNumbers';

/** Options of {@link createGetEntityViewAction}. */
export interface GetEntityViewActionOptions {
  actionsRegistry: ActionsRegistryService;
  entityViews: EntityViewService;
}

/** `kmop:get-entity-view` — one entity's KMOP view, read as the caller. */
export function createGetEntityViewAction(options: GetEntityViewActionOptions) {
  const { actionsRegistry, entityViews } = options;
  actionsRegistry.register({
    name: 'get-entity-view',
    title: 'Get the KMOP view of an entity',
    description: `
Returns what KMOP knows of one catalog entity, live from its Kubernetes clusters: its gateway
routes (hostnames, matches, backends with traffic shares), SLOs (objective, SLI, error budget
remaining, burn rates, multiwindow alerts and whether they fire), rollouts (strategy, phase,
steps, canary weight, revisions, analysis) and resilience policies (timeouts, retries, circuit
breakers, rate limits, disruption budgets), whatever CRDs they are written as. Every item has
its source object, a health (ok, progressing, degraded, unknown) and the reason in words.
Fractions and rates are given to 6 significant digits.
\`clusters\` has one entry per cluster; a cluster in error or stale is listed there and the
others' items are still returned.

## When to use

Use it to answer questions about one service's traffic, reliability or release state, e.g.
"is checkout healthy?", "which routes reach payments?", "how much error budget is left?".
For a release decision ("is the canary safe to promote?") use \`explain-release\`; to find
services, \`list-services\`. The entity is read with your own permissions: an entity you may
not see is "not found".
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            entityRef: z
              .string()
              .min(1)
              .describe(
                'The catalog entity, e.g. component:default/checkout; kind defaults to Component and namespace to default, so "checkout" works too.',
              ),
          })
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string().describe('The entity, as kind:namespace/name.'),
          target: z
            .object({
              serviceName: z
                .string()
                .optional()
                .describe('KMOP service name searched for.'),
              labelSelector: z
                .string()
                .optional()
                .describe('Label selector searched for.'),
              namespace: z
                .string()
                .optional()
                .describe('Namespace the search was narrowed to.'),
              cluster: z
                .string()
                .optional()
                .describe('Cluster the search was narrowed to.'),
            })
            .describe(
              'What KMOP looked for, from the entity’s annotations; empty when none link it.',
            ),
          routes: z
            .array(
              itemSchema(
                z,
                'A gateway route: hostnames, parents, rules (matches, backends with weight and share), url.',
              ),
            )
            .describe('Gateway routes.'),
          slos: z
            .array(
              itemSchema(
                z,
                'An SLO: name, objective (0–1), window, indicator, sli, errorBudgetRemaining, burnRates, alerts (with firing), dataSource.',
              ),
            )
            .describe('Service level objectives.'),
          rollouts: z
            .array(
              itemSchema(
                z,
                'A rollout: strategy, phase, steps (with state), currentStepIndex, canaryWeight, stable/canary revisions, paused, aborted, analysis.',
              ),
            )
            .describe('Rollouts and their strategies.'),
          resilience: z
            .array(
              itemSchema(
                z,
                'A resilience policy: target and settings (type, summary, values).',
              ),
            )
            .describe('Resilience policies.'),
          clusters: z
            .array(clusterStatusSchema(z))
            .describe('Every configured cluster and its state.'),
          generatedAt: z
            .string()
            .describe('When the view was built (ISO 8601).'),
        }),
    },
    examples: [
      {
        title: 'The KMOP view of the checkout service',
        input: { entityRef: 'component:default/checkout' },
      },
    ],
    action: async ({ input, credentials }) => {
      const ref = parseEntityRefInput(input.entityRef, 'entityRef');
      const view = await entityViews.getView(ref, credentials);
      return { output: readableNumbers(view) };
    },
  });
}
