import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import { explainRelease } from './explainRelease';
import { parseEntityRefInput } from './parseEntityRefInput';

/** Options of {@link createExplainReleaseAction}. */
export interface ExplainReleaseActionOptions {
  actionsRegistry: ActionsRegistryService;
  entityViews: EntityViewService;
}

const VERDICTS = [
  'hold',
  'aborted',
  'no-alert-firing',
  'no-slo',
  'slo-figures-unknown',
] as const;

/** `kmop:explain-release` — an entity's rollouts in progress beside its SLO burn. */
export function createExplainReleaseAction(
  options: ExplainReleaseActionOptions,
) {
  const { actionsRegistry, entityViews } = options;
  actionsRegistry.register({
    name: 'explain-release',
    title: 'Explain the releases of an entity',
    description: `
For one catalog entity, lists its rollouts in progress (Argo Rollouts, Flagger, KMOP
RolloutPolicy, Deployments mid-update; aborted ones too) — strategy, current step, canary
weight, revisions, pause and analysis state — beside the burn of the same service's SLOs
(error budget left, burn rate per alert window, which multiwindow alerts fire), and gives a
verdict: \`hold\` (an SLO alert fires or a budget is spent: do not promote), \`aborted\`,
\`no-alert-firing\` (by its SLOs the release may proceed), \`no-slo\` or
\`slo-figures-unknown\` (KMOP cannot judge). \`text\` says all of it in sentences to quote.
The SLOs measure the whole service, stable and canary together.

## When to use

Use it for release questions: "is the checkout canary safe to promote?", "why is the
payments rollout paused?", "what is being released right now?". For the full view of an
entity use \`get-entity-view\`. The entity is read with your own permissions.
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The catalog entity, e.g. component:default/checkout; kind defaults to Component and namespace to default.',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string().describe('The entity, as kind:namespace/name.'),
          text: z
            .string()
            .describe('The releases, SLO burn and verdicts in sentences.'),
          releases: z
            .array(
              z.object({
                rolloutId: z
                  .string()
                  .describe('Id of the rollout item in get-entity-view.'),
                source: z
                  .string()
                  .describe(
                    'cluster/kind/namespace/name of the rollout object.',
                  ),
                strategy: z
                  .string()
                  .describe('canary, blueGreen, rolling, recreate or unknown.'),
                phase: z
                  .string()
                  .optional()
                  .describe('The source’s own phase word.'),
                step: z
                  .object({
                    current: z.number().describe('Current step, from 1.'),
                    of: z.number().describe('Number of steps.'),
                  })
                  .optional()
                  .describe('Canary step reached.'),
                canaryWeight: z
                  .number()
                  .optional()
                  .describe('Traffic on the canary, 0–100.'),
                stableRevision: z
                  .string()
                  .optional()
                  .describe('Stable revision.'),
                canaryRevision: z
                  .string()
                  .optional()
                  .describe('Canary revision.'),
                paused: z.boolean().describe('Whether the rollout is paused.'),
                aborted: z
                  .boolean()
                  .describe('Whether the rollout was aborted.'),
                verdict: z
                  .enum(VERDICTS)
                  .describe('What the SLOs say of promoting it.'),
                text: z.string().describe('This release in sentences.'),
              }),
            )
            .describe(
              'Rollouts in progress; empty when nothing is being released.',
            ),
          slos: z
            .array(
              z.object({
                name: z.string().describe('SLO name.'),
                objective: z
                  .number()
                  .optional()
                  .describe(
                    'Objective as a ratio, e.g. 0.999; absent when the SLO’s is malformed.',
                  ),
                window: z
                  .string()
                  .optional()
                  .describe('SLO window, e.g. 30d; absent when malformed.'),
                errorBudgetRemaining: z
                  .number()
                  .optional()
                  .describe(
                    'Share of the error budget left (negative once overspent).',
                  ),
                burnRates: z
                  .array(
                    z.object({
                      window: z.string().describe('Window such as 1h.'),
                      rate: z
                        .number()
                        .describe('Burn rate: error ratio ÷ error budget.'),
                    }),
                  )
                  .describe('Burn rate per window.'),
                firingAlerts: z
                  .array(z.string())
                  .describe('Alerts that fire now.'),
                dataSource: z
                  .enum(['prometheus', 'status', 'none'])
                  .describe('Where the figures came from.'),
              }),
            )
            .describe('The service’s SLOs.'),
          clusterErrors: z
            .array(z.string())
            .describe('Clusters in error; rollouts there may be missing.'),
        }),
    },
    examples: [
      {
        title: 'Is the checkout canary safe to promote?',
        input: { entityRef: 'component:default/checkout' },
      },
    ],
    action: async ({ input, credentials }) => {
      const ref = parseEntityRefInput(input.entityRef, 'entityRef');
      const view = await entityViews.getView(ref, credentials);
      return {
        output: {
          entityRef: view.entityRef,
          ...explainRelease(view),
          clusterErrors: view.clusters
            .filter(c => c.state === 'error')
            .map(c => c.name),
        },
      };
    },
  });
}
