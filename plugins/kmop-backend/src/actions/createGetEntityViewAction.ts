import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import entityViewSchema from './viewSchema/entityView.schema.json';
import { zodFromJsonSchema } from './viewSchema/zodFromJsonSchema';
import { parseEntityRefInput } from './parseEntityRefInput';
import { readableNumbers } from './readableNumbers';
import { inputErrors } from './inputErrors';

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
          .object(
            {
              entityRef: z
                .string({ errorMap: inputErrors })
                .min(1)
                .describe(
                  'The catalog entity, e.g. component:default/checkout; kind defaults to Component and namespace to default, so "checkout" works too.',
                ),
            },
            { errorMap: inputErrors },
          )
          .strict(),
      // Built from the JSON schema of the view type (generated from kmop-common's
      // KmopEntityView), so the output says exactly what the view is, from one source.
      output: z => zodFromJsonSchema(z, entityViewSchema),
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
