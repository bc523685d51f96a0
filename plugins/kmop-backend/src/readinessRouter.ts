import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ORG_SORT_KEYS } from '@kmop/plugin-kmop-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { parseEntityParams, parseRequest } from './requestParams';
import { ReadinessService } from './services/ReadinessService/ReadinessService';

/** Options of {@link createReadinessRouter}. */
export interface ReadinessRouterOptions {
  httpAuth: HttpAuthService;
  readiness: ReadinessService;
}

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
      const ref = parseEntityParams(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await readiness.getEntityReadiness(ref, credentials));
    },
  );

  router.get('/v1/readiness/services', async (req, res) => {
    const query = parseRequest(orgQuery, req.query, 'query parameter');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await readiness.listServices(query, credentials));
  });

  return router;
}
