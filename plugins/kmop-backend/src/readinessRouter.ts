import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ORG_SORT_KEYS } from '@kmop/plugin-kmop-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { ReadinessService } from './services/ReadinessService/ReadinessService';

/** Options of {@link createReadinessRouter}. */
export interface ReadinessRouterOptions {
  httpAuth: HttpAuthService;
  readiness: ReadinessService;
}

const entityPart = z
  .string()
  .min(1)
  .max(63)
  .regex(/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/, {
    message:
      'must be 1–63 letters, digits, "-", "_" or "." and start and end with a letter or digit',
  });
const entityParams = z.object({
  kind: entityPart,
  namespace: entityPart,
  name: entityPart,
});

/** The largest page the organisation view serves. */
export const MAX_PAGE_SIZE = 500;

const orgQuery = z
  .object({
    owner: z.string().min(1).max(255).optional(),
    system: z.string().min(1).max(255).optional(),
    cluster: z.string().min(1).max(255).optional(),
    failingCheck: z.string().min(1).max(100).optional(),
    text: z.string().min(1).max(255).optional(),
    sort: z.enum(ORG_SORT_KEYS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    offset: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new InputError(
      `Invalid ${what}${field ? ` ${field}` : ''}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * `GET /v1/readiness/entities/:kind/:namespace/:name` (one entity) and
 * `GET /v1/readiness/services` (the organisation view, filtered, sorted and paged here).
 */
export async function createReadinessRouter(
  options: ReadinessRouterOptions,
): Promise<express.Router> {
  const { httpAuth, readiness } = options;
  const router = Router();

  router.get(
    '/v1/readiness/entities/:kind/:namespace/:name',
    async (req, res) => {
      const ref = parse(entityParams, req.params, 'entity');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await readiness.getEntityReadiness(ref, credentials));
    },
  );

  router.get('/v1/readiness/services', async (req, res) => {
    const query = parse(orgQuery, req.query, 'query parameter');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await readiness.listServices(query, credentials));
  });

  return router;
}
