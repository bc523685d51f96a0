import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { KMOP_OPERATION_NAMES } from '@kmop/plugin-kmop-common';
import type { OperationService } from '../services/OperationService/OperationService';
import { parseEntityRefInput } from './parseEntityRefInput';
import { inputErrors } from './inputErrors';

/** Options of {@link createOperateRolloutAction}. */
export interface OperateRolloutActionOptions {
  actionsRegistry: ActionsRegistryService;
  operations: OperationService;
}

/** `kmop:operate-rollout` — promote, abort, retry, pause, resume, restart or suspend a rollout. */
export function createOperateRolloutAction(
  options: OperateRolloutActionOptions,
) {
  const { actionsRegistry, operations } = options;
  actionsRegistry.register({
    name: 'operate-rollout',
    title: 'Operate a rollout of an entity',
    description: `
Acts on one rollout of a catalog entity, with the semantics of the tool that runs it:
Argo Rollouts \`promote\` (one step), \`promote-full\`, \`abort\`, \`retry\`, \`pause\`, \`restart\`
(as \`kubectl argo rollouts\`); Deployment \`pause\`, \`resume\`, \`restart\` (as \`kubectl rollout\`);
Flagger Canary \`promote\` (skips the analysis), \`suspend\`, \`resume\`. A KMOP RolloutPolicy is
operated through the Rollout or Canary it was rendered into. The operation is done only if the
tool's own rules offer it now, and only if the object still has the \`resourceVersion\` you
give: otherwise the answer is a conflict with the object's state now.

## When to use

Only when a person asked for this change. First call \`get-entity-view\` (or
\`explain-release\` for the release judgement): take the rollout item's \`id\` and
\`resourceVersion\`. It needs the \`kmop.rollout.operate\` permission on the entity; operations
must be enabled in Backstage (\`kmop.operations.enabled\`); a service token may operate only
when \`kmop.operations.allowServicePrincipals\` names it. Every attempt is audited.
`,
    attributes: { destructive: true, readOnly: false, idempotent: false },
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
              item: z
                .string({ errorMap: inputErrors })
                .min(1)
                .max(1024)
                .describe(
                  'The `id` of a rollout item of the entity’s view (from get-entity-view).',
                ),
              operation: z
                .enum(KMOP_OPERATION_NAMES, { errorMap: inputErrors })
                .describe(
                  'The operation; which apply depends on the tool (see the description).',
                ),
              resourceVersion: z
                .string({ errorMap: inputErrors })
                .min(1)
                .max(64)
                .describe(
                  'The `resourceVersion` of the item as you read it; a stale one is refused.',
                ),
            },
            { errorMap: inputErrors },
          )
          .strict(),
      output: z =>
        z.object({
          text: z
            .string()
            .describe('One sentence on what was done, to quote to a person.'),
          entityRef: z.string().describe('The entity, as kind:namespace/name.'),
          operation: z.string().describe('The operation done.'),
          target: z
            .object({
              cluster: z.string().describe('Cluster name.'),
              apiVersion: z.string().describe('API version of the object.'),
              kind: z.string().describe('Kind of the object.'),
              namespace: z.string().optional().describe('Its namespace.'),
              name: z.string().describe('Its name.'),
            })
            .describe('The object the change was sent to.'),
          effect: z.string().describe('What the operation does.'),
          warning: z
            .string()
            .optional()
            .describe(
              'Set when a GitOps tool manages the object: Git may put the change back.',
            ),
          resourceVersion: z
            .string()
            .optional()
            .describe('The object’s resourceVersion after the change.'),
          health: z.string().describe('The rollout’s health after the change.'),
          phase: z.string().optional().describe('Its phase after the change.'),
        }),
    },
    examples: [
      {
        title: 'Promote checkout’s canary past its current pause',
        input: {
          entityRef: 'component:default/checkout',
          item: 'demo/argoproj.io/v1alpha1/Rollout/checkout/checkout',
          operation: 'promote',
          resourceVersion: '1234',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = parseEntityRefInput(input.entityRef, 'entityRef');
      const result = await operations.operate({
        entityRef,
        item: input.item,
        operation: input.operation,
        resourceVersion: input.resourceVersion,
        credentials,
        via: 'action',
      });
      const { target, item } = result;
      return {
        output: {
          // The sentence says what happened; the fields carry the details.
          text: `${input.operation} sent to ${target.kind} ${target.name} in cluster ${target.cluster}.`,
          entityRef: result.entityRef,
          operation: result.operation,
          target,
          effect: result.effect,
          ...(result.warning ? { warning: result.warning } : {}),
          ...(item.resourceVersion
            ? { resourceVersion: item.resourceVersion }
            : {}),
          health: item.health,
          ...(item.phase ? { phase: item.phase } : {}),
        },
      };
    },
  });
}
