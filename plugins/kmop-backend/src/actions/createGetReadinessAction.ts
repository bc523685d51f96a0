import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { READINESS_COMPONENTS } from '@kmop/plugin-kmop-common';
import type { ReadinessService } from '../services/ReadinessService/ReadinessService';
import { parseEntityRefInput } from './parseEntityRefInput';
import { inputErrors } from './inputErrors';

/** Options of {@link createGetReadinessAction}. */
export interface GetReadinessActionOptions {
  actionsRegistry: ActionsRegistryService;
  readiness: ReadinessService;
}

/** `kmop:get-readiness` — one entity's readiness over the twelve components, read as the caller. */
export function createGetReadinessAction(options: GetReadinessActionOptions) {
  const { actionsRegistry, readiness } = options;
  actionsRegistry.register({
    name: 'get-readiness',
    title: 'Get the KMOP readiness of a service',
    description: `
Measures one catalog entity's service against the twelve components of the KMOP blueprint
(service discovery, API gateway, load balancing, configuration, service communication,
monitoring, containerization, CI/CD, security, data, resilience, orchestration) from what runs
in its clusters. Each check is pass, warn, fail or notApplicable, with the evidence (which
object in which cluster, or what was looked for and not found) and what to do. The score is
passed ÷ applicable checks, a warning counting half.

## When to use

Use it for "what is checkout missing?", "is payments production-ready?", "why does search
score low?". The entity is read with your own permissions: one you may not see is "not found".
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
                  'The catalog entity, e.g. component:default/checkout; "checkout" works too.',
                ),
            },
            { errorMap: inputErrors },
          )
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string().describe('The entity, as kind:namespace/name.'),
          score: z
            .number()
            .optional()
            .describe(
              'Passed ÷ applicable checks (0–1); absent when none applies.',
            ),
          counts: z
            .object({
              pass: z.number().describe('Checks that pass.'),
              warn: z.number().describe('Checks that warn.'),
              fail: z.number().describe('Checks that fail.'),
              notApplicable: z.number().describe('Checks that do not apply.'),
            })
            .describe('Checks by status.'),
          workloads: z
            .number()
            .describe('Deployments, StatefulSets and Rollouts found.'),
          checks: z
            .array(
              z.object({
                id: z
                  .string()
                  .describe('Check id, e.g. resilience.disruptionBudget.'),
                component: z
                  .enum(READINESS_COMPONENTS)
                  .describe('Which of the twelve components.'),
                title: z.string().describe('What the check asks for.'),
                status: z
                  .enum(['pass', 'warn', 'fail', 'notApplicable'])
                  .describe('The result.'),
                summary: z.string().describe('The result in one sentence.'),
                evidence: z
                  .array(
                    z.object({
                      cluster: z.string().optional().describe('Cluster.'),
                      kind: z.string().optional().describe('Object kind.'),
                      namespace: z.string().optional().describe('Namespace.'),
                      name: z.string().optional().describe('Object name.'),
                      note: z.string().describe('What it says for the check.'),
                    }),
                  )
                  .describe(
                    'Objects read, or what was looked for and not found.',
                  ),
                remedy: z
                  .object({
                    text: z.string().describe('What to do.'),
                    template: z
                      .enum(['slo', 'resilience', 'rollout'])
                      .optional()
                      .describe('The day-2 template resource that fixes it.'),
                  })
                  .optional()
                  .describe('What to do, when the check does not pass.'),
              }),
            )
            .describe('Every check, in the order of the components.'),
        }),
    },
    examples: [
      {
        title: 'Readiness of checkout',
        input: { entityRef: 'component:default/checkout' },
      },
    ],
    action: async ({ input, credentials }) => {
      const ref = parseEntityRefInput(
        input.entityRef,
        'entityRef',
        'component',
      );
      const result = await readiness.getEntityReadiness(ref, credentials);
      const { checks, counts, score, workloads } = result.readiness;
      return {
        output: {
          entityRef: stringifyEntityRef(ref),
          ...(score !== undefined ? { score } : {}),
          counts,
          workloads,
          checks,
        },
      };
    },
  });
}
