import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseDuration } from '@kmop/plugin-kmop-common';
import { fields, KmopZod, parseInput } from '@kmop/plugin-kmop-node';
import { ScaffolderZod, zod } from '../../util/zod';
import { examples } from './catalogWait.examples';

const POLL_INTERVAL_MS = 500;

const inputSchema = (z: KmopZod) =>
  z.object({
    entityRef: z
      .string()
      .min(1)
      .describe('The entity to wait for, e.g. component:default/ledger.'),
    timeout: fields(z)
      .duration()
      .default('60s')
      .describe('How long to wait before the step fails (default 60s).'),
  });

const outputSchema = (z: ScaffolderZod) =>
  z.object({
    entityRef: z.string().describe('The entity, once the catalog has it.'),
  });

/**
 * Options of {@link createKmopCatalogWaitAction}.
 *
 * @public
 */
export interface KmopCatalogWaitActionOptions {
  catalog: CatalogService;
}

/**
 * `kmop:catalog:wait` — waits until an entity is in the catalog (as the one
 * who runs the task sees it), so that a template's output link to the
 * entity's page works when the task ends.
 *
 * @public
 */
export function createKmopCatalogWaitAction(
  options: KmopCatalogWaitActionOptions,
) {
  return createTemplateAction({
    id: 'kmop:catalog:wait',
    description:
      'Waits until an entity is in the catalog, e.g. the Component the KMOP entity provider makes of a Microservice just applied. Fails after the timeout. In a dry run it does not wait.',
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      const input = parseInput(inputSchema(zod), ctx.input);
      if (ctx.isDryRun) {
        ctx.logger.info(`dry run: not waiting for ${input.entityRef}`);
        ctx.output('entityRef', input.entityRef);
        return;
      }
      const timeoutMs = parseDuration(input.timeout, 'kmop');
      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const entity = await options.catalog.getEntityByRef(input.entityRef, {
          credentials,
        });
        if (entity) break;
        if (Date.now() >= deadline || ctx.signal?.aborted) {
          throw new InputError(
            `input.entityRef: ${input.entityRef} is not in the catalog after ${input.timeout}; is the KMOP catalog module installed and the cluster in catalog.providers.kmop?`,
          );
        }
        await new Promise(r => setTimeout(r, POLL_INTERVAL_MS));
      }
      ctx.logger.info(`${input.entityRef} is in the catalog`);
      ctx.output('entityRef', input.entityRef);
    },
  });
}
