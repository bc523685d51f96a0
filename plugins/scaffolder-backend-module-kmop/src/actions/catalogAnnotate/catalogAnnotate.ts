import { parseInput } from '@kmop/plugin-kmop-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DNS1123_LABEL_MESSAGE,
  isDns1123Label,
  isLabelValue,
  KMOP_ANNOTATION_SERVICE_NAME,
  KUBERNETES_ANNOTATION_ID,
  KUBERNETES_ANNOTATION_NAMESPACE,
} from '@kmop/plugin-kmop-common';
import { readFile, writeFile } from 'node:fs/promises';
import {
  isInsideWorkspace,
  resolveWorkspacePath,
  toWorkspaceRelative,
} from '../../util/workspacePaths';
import { ScaffolderZod, zod } from '../../util/zod';
import { annotateCatalogInfo } from './annotateCatalogInfo';
import { examples } from './catalogAnnotate.examples';

const inputSchema = (z: ScaffolderZod) =>
  z.object({
    path: z
      .string()
      .min(1)
      .default('catalog-info.yaml')
      .describe(
        'Workspace-relative path of the catalog-info.yaml to annotate (default catalog-info.yaml).',
      ),
    serviceName: z
      .string()
      .refine(isDns1123Label, DNS1123_LABEL_MESSAGE)
      .describe(
        'KMOP service name written to the kmop.dev/service-name annotation; the spec.serviceRef of the KMOP resources.',
      ),
    entityName: z
      .string()
      .min(1)
      .optional()
      .describe(
        'metadata.name of the Component to annotate; may be left out when the file holds exactly one Component.',
      ),
    kubernetesId: z
      .string()
      .min(1)
      // Objects are selected by the label backstage.io/kubernetes-id=<this value>.
      .refine(
        isLabelValue,
        'must be a Kubernetes label value (≤ 63 characters)',
      )
      .optional()
      .describe(
        'When set, also writes backstage.io/kubernetes-id, so the Kubernetes plugin finds objects labelled with it.',
      ),
    namespace: z
      .string()
      .refine(isDns1123Label, DNS1123_LABEL_MESSAGE)
      .optional()
      .describe(
        'When set, also writes backstage.io/kubernetes-namespace to limit lookups to this namespace.',
      ),
  });

const outputSchema = (z: ScaffolderZod) =>
  z.object({
    path: z.string().describe('Workspace-relative path of the annotated file.'),
    entityName: z
      .string()
      .describe('metadata.name of the annotated Component.'),
    annotations: z
      .record(z.string())
      .describe('The annotations that were set, key to value.'),
  });

/**
 * `kmop:catalog:annotate` — links a Component to its KMOP resources by
 * annotating its catalog-info.yaml.
 *
 * @public
 */
export function createKmopCatalogAnnotateAction() {
  return createTemplateAction({
    id: 'kmop:catalog:annotate',
    description:
      'Adds the kmop.dev/service-name annotation (and optionally backstage.io/kubernetes-id and -namespace) to a Component in a catalog-info.yaml, keeping comments and formatting.',
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      const input = parseInput(inputSchema(zod), ctx.input);
      const file = resolveWorkspacePath(ctx.workspacePath, input.path, 'path');
      const displayPath = toWorkspaceRelative(ctx.workspacePath, file);

      let source: string;
      try {
        if (!(await isInsideWorkspace(ctx.workspacePath, file))) {
          throw new InputError(
            `input.path must stay inside the workspace, got "${input.path}"`,
          );
        }
        source = await readFile(file, 'utf8');
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(
          `input.path: cannot read ${displayPath} in the workspace (${
            (error as Error).message
          })`,
        );
      }

      const annotations: Record<string, string> = {
        [KMOP_ANNOTATION_SERVICE_NAME]: input.serviceName,
      };
      if (input.kubernetesId) {
        annotations[KUBERNETES_ANNOTATION_ID] = input.kubernetesId;
      }
      if (input.namespace) {
        annotations[KUBERNETES_ANNOTATION_NAMESPACE] = input.namespace;
      }

      const result = annotateCatalogInfo({
        source,
        displayPath,
        entityName: input.entityName,
        annotations,
      });
      await writeFile(file, result.text, 'utf8');
      ctx.logger.info(
        `Annotated Component ${result.entityName} in ${displayPath} (doc ${result.documentIndex})`,
        { annotations },
      );

      ctx.output('path', displayPath);
      ctx.output('entityName', result.entityName);
      ctx.output('annotations', annotations);
    },
  });
}
