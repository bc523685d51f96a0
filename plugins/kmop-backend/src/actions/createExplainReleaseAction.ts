import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { EntityViewService } from '../services/EntityViewService/EntityViewService';
import { explainRelease } from './explainRelease';
import { parseEntityRefInput } from './parseEntityRefInput';
import { inputErrors } from './inputErrors';

/** Options of {@link createExplainReleaseAction}. */
export interface ExplainReleaseActionOptions {
  actionsRegistry: ActionsRegistryService;
  entityViews: EntityViewService;
}

const VERDICTS = [
  'aborted',
  'at-risk',
  'unjudged',
  'no-slo',
  'healthy',
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
(error budget left, burn per alert window, which multiwindow alerts fire), the rollout's own
analysis (failed checks, aborted, degraded) and the routes that carry its traffic, and gives
KMOP's release judgement (the same one the entity page shows): \`at-risk\` (an SLO alert
fires, a budget is spent, the analysis fails or a route carrying it is degraded: do not
promote; consider aborting), \`aborted\`, \`healthy\` (the release may proceed),
\`no-slo\` or \`unjudged\` (some SLO has no figures). Each verdict lists its reasons.
\`firingAlerts\` lists alerts that fire even when no release is in progress (after a
promotion). \`text\` is a short account to quote. The SLOs measure the whole service,
stable and canary together.

## When to use

Use it for release questions: "is the checkout canary safe to promote?", "why is the
payments rollout paused?", "what is being released right now?". For the full view of an
entity use \`get-entity-view\`. The entity is read with your own permissions.
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
                  'The catalog entity, e.g. component:default/checkout; kind defaults to Component and namespace to default.',
                ),
            },
            { errorMap: inputErrors },
          )
          .strict(),
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
                drives: z
                  .array(z.string())
                  .describe(
                    'Objects this rollout drives, as kind/name (a Flagger Canary’s Deployment): part of the same release.',
                  ),
                routes: z
                  .array(z.string())
                  .describe('Routes carrying its traffic, as kind/name.'),
                verdict: z.enum(VERDICTS).describe('KMOP’s release judgement.'),
                reasons: z
                  .array(
                    z.object({
                      kind: z
                        .string()
                        .describe(
                          'aborted, slo-alert, slo-budget, analysis, rollout-degraded, route, no-figures, no-slo or cluster.',
                        ),
                      text: z.string().describe('The reason in a sentence.'),
                    }),
                  )
                  .describe(
                    'The facts behind the verdict, most serious first.',
                  ),
              }),
            )
            .describe(
              'Rollouts in progress; empty when nothing is being released.',
            ),
          slos: z
            .array(
              z.object({
                name: z.string().describe('SLO name.'),
                health: z
                  .string()
                  .describe('ok, progressing, degraded or unknown.'),
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
                    'Share of the error budget left, to 0.1% (negative once overspent).',
                  ),
                alerts: z
                  .array(
                    z.object({
                      severity: z
                        .enum(['page', 'ticket'])
                        .describe(
                          'page for the fast tiers, ticket for the slow.',
                        ),
                      name: z
                        .string()
                        .optional()
                        .describe('Prometheus alert name.'),
                      windows: z
                        .string()
                        .describe('Long and short window, e.g. 1h/5m.'),
                      threshold: z
                        .number()
                        .describe('Burn rate both windows must exceed.'),
                      longBurn: z
                        .number()
                        .optional()
                        .describe('Burn over the long window.'),
                      shortBurn: z
                        .number()
                        .optional()
                        .describe('Burn over the short window.'),
                      firing: z
                        .boolean()
                        .optional()
                        .describe('Absent when a window has no figure.'),
                    }),
                  )
                  .describe('Burn-rate alerts, fastest tier first.'),
                dataSource: z
                  .enum(['prometheus', 'status', 'none'])
                  .describe('Where the figures came from.'),
                evaluatedAt: z
                  .string()
                  .optional()
                  .describe('When the figures were computed (ISO 8601).'),
              }),
            )
            .describe('The service’s SLOs.'),
          firingAlerts: z
            .array(z.string())
            .describe(
              'Alerts that fire now, release or not, as <slo>: <severity> <windows>.',
            ),
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
