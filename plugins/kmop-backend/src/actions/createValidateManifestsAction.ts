import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { kmopManifestsUsePermission } from '@kmop/plugin-kmop-common';
import { parseManifestText, validateDocuments } from '@kmop/plugin-kmop-node';
import { inputErrors } from './inputErrors';

/** Options of {@link createValidateManifestsAction}. */
export interface ValidateManifestsActionOptions {
  actionsRegistry: ActionsRegistryService;
}

// What one call may validate: far more than a service's manifests, far less than a heap.
const MAX_YAML_LENGTH = 1_000_000;

/** `kmop:validate-manifests` — YAML text in, every problem out. */
export function createValidateManifestsAction(
  options: ValidateManifestsActionOptions,
) {
  options.actionsRegistry.register({
    name: 'validate-manifests',
    title: 'Validate Kubernetes and KMOP manifests',
    description: `
Validates YAML manifests given as text (one or more documents separated by ---): KMOP
resources (kmop.dev/v1alpha1 Microservice, GatewayRoute, ServiceLevelObjective, RolloutPolicy,
ResiliencePolicy) against the KMOP schemas, native kinds against the Kubernetes schemas
(core, apps, autoscaling, networking, policy, Gateway API, Istio, Argo Rollouts, Envoy Gateway,
and built-in schemas for Sloth, Pyrra and Flagger). Returns every problem with its document
number and field path, YAML syntax errors included, and warnings for kinds with no known
schema. Reads and writes nothing else.

## When to use

Use it to check manifests before proposing or applying them — hand-written ones, or ones from
\`generate-manifests\` after editing — and to explain why a manifest is rejected.
`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kmopManifestsUsePermission,
    schema: {
      input: z =>
        z
          .object(
            {
              yaml: z
                .string({ errorMap: inputErrors })
                .max(MAX_YAML_LENGTH)
                .describe(
                  'The manifests as YAML text; several documents separated by ---.',
                ),
              name: z
                .string({ errorMap: inputErrors })
                .max(200)
                .optional()
                .describe(
                  'A name for the text in messages, e.g. its file name (default "manifests").',
                ),
            },
            { errorMap: inputErrors },
          )
          .strict(),
      output: z =>
        z.object({
          valid: z.boolean().describe('True when no document has a problem.'),
          documents: z
            .number()
            .describe(
              'Number of non-empty documents in the text, those with YAML errors included.',
            ),
          problems: z
            .array(
              z.object({
                document: z
                  .number()
                  .describe('1-based position of the document.'),
                path: z
                  .string()
                  .describe(
                    'Field path such as spec.rules[0].backendRefs[1].weight; empty for the document as a whole.',
                  ),
                message: z.string().describe('What is wrong.'),
              }),
            )
            .describe('Every problem, in document order.'),
          warnings: z
            .array(z.string())
            .describe(
              'Documents not validated because no schema is known for their kind.',
            ),
        }),
    },
    examples: [
      {
        title: 'A route with a weight out of range',
        input: {
          yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: checkout\nspec:\n  rules:\n    - backendRefs:\n        - name: checkout\n          port: 8080\n          weight: -1\n',
        },
      },
    ],
    action: async ({ input }) => {
      const parsed = parseManifestText(input.yaml, input.name ?? 'manifests');
      const check = await validateDocuments(parsed.documents);
      const problems = [...parsed.problems, ...check.problems]
        .sort((a, b) => a.document - b.document)
        .map(({ document, path, message }) => ({ document, path, message }));
      return {
        output: {
          valid: problems.length === 0,
          // Broken documents count too: they are documents with a problem.
          documents: parsed.count,
          problems,
          warnings: check.warnings,
        },
      };
    },
  });
}
