import {
  fields,
  KmopZod,
  parseInput,
  validateDocuments,
} from '@kmop/plugin-kmop-node';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readManifestDocuments } from '../../util/manifestDocuments';
import { ScaffolderZod, zod } from '../../util/zod';
import { examples } from './manifestsValidate.examples';

const inputSchema = (z: KmopZod) =>
  z.object({
    path: fields(z)
      .workspacePath()
      .default('kmop')
      .describe(
        'Workspace-relative file or directory to validate; directories are searched recursively for .yaml and .yml files (default kmop).',
      ),
  });

const outputSchema = (z: ScaffolderZod) =>
  z.object({
    valid: z.boolean().describe('True when every document is valid.'),
    files: z
      .array(z.string())
      .describe('Workspace-relative paths of the files validated.'),
    errors: z
      .array(z.string())
      .describe('Every problem, as "<file> doc <n>: <field path>: <message>".'),
    warnings: z
      .array(z.string())
      .describe(
        'Documents not validated because no schema is known for their kind, and fields or values a schema package that trails its upstream project does not know (each names the package version checked); warnings never fail the step.',
      ),
  });

/**
 * `kmop:manifests:validate` — validates the YAML manifests under a workspace
 * path against the KMOP schemas and the Kubernetes schemas of native kinds,
 * and fails the step on any error.
 *
 * @public
 */
export function createKmopManifestsValidateAction() {
  return createTemplateAction({
    id: 'kmop:manifests:validate',
    description:
      'Validates the YAML under a workspace path: KMOP resources against the KMOP schemas, native kinds against the Kubernetes schemas from kubernetes-models (and built-in schemas for Sloth, Pyrra and Flagger). Lists every error with file, document and field path, and fails the step when any is found.',
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      const input = parseInput(inputSchema(zod), ctx.input);
      const read = await readManifestDocuments(
        ctx.workspacePath,
        input.path,
        'path',
      );
      if (read.files.length === 0) {
        throw new InputError(
          `input.path: no .yaml or .yml files under ${input.path}`,
        );
      }
      for (const link of read.skipped) {
        ctx.logger.warn(
          `${link}: a link that leads out of the workspace; not read`,
        );
      }
      const check = await validateDocuments(read.documents);
      const errors = [...read.errors, ...check.errors];
      for (const warning of check.warnings) ctx.logger.warn(warning);

      ctx.output('valid', errors.length === 0);
      ctx.output('files', read.files);
      ctx.output('errors', errors);
      ctx.output('warnings', check.warnings);
      if (errors.length > 0) {
        for (const error of errors) ctx.logger.error(error);
        throw new InputError(
          `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${
            input.path
          }:\n${errors.map(e => `- ${e}`).join('\n')}`,
        );
      }
      ctx.logger.info(
        `${read.documents.length} documents in ${read.files.length} files are valid`,
      );
    },
  });
}
