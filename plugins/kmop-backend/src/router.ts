import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, serializeError } from '@backstage/errors';
import { KMOP_OPERATION_NAMES } from '@kmop/plugin-kmop-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { ClusterCache } from '@kmop/plugin-kmop-node';
import { EntityViewService } from './services/EntityViewService/EntityViewService';
import { parseEntityParams } from './requestParams';
import { sendView } from './sendView';
import { SourceObjectService } from './services/SourceObjectService/SourceObjectService';
import { OperationService } from './services/OperationService/OperationService';
import { OperationConflictError } from './services/OperationService/OperationErrors';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  entityViews: EntityViewService;
  cache: ClusterCache;
  sourceObjects: SourceObjectService;
  operations: OperationService;
}

// An item id as the view gives it (`<cluster>/<apiVersion>/<kind>/<namespace>/<name>…`).
const sourceQuery = z.object({
  item: z.string({ required_error: 'is required' }).min(1).max(1024),
});

// POST …/operations: which item, which operation, and the version the caller saw.
const operationBody = z
  .object({
    item: z.string({ required_error: 'is required' }).min(1).max(1024),
    operation: z.enum(KMOP_OPERATION_NAMES, {
      errorMap: () => ({
        message: `must be one of ${KMOP_OPERATION_NAMES.join(', ')}`,
      }),
    }),
    resourceVersion: z.string({ required_error: 'is required' }).min(1).max(64),
  })
  .strict();

function parseOperationBody(body: unknown) {
  const parsed = operationBody.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : issue.path.join('.') || 'body';
    throw new InputError(`Invalid field ${field}: ${issue.message}`);
  }
  return parsed.data;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, entityViews, cache, sourceObjects, operations } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const entityRef = parseEntityParams(req.params);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await sendView(req, res, await entityViews.getView(entityRef, credentials));
  });

  router.get('/v1/entities/:kind/:namespace/:name/source', async (req, res) => {
    const entityRef = parseEntityParams(req.params);
    const query = sourceQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(
        `Invalid query parameter item: ${query.error.issues[0].message}`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await sourceObjects.getSourceObject(
        entityRef,
        query.data.item,
        credentials,
      ),
    );
  });

  router.post(
    '/v1/entities/:kind/:namespace/:name/operations',
    async (req, res) => {
      const entityRef = parseEntityParams(req.params);
      const body = parseOperationBody(req.body);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      try {
        res.json(
          await operations.operate({
            entityRef,
            ...body,
            credentials,
            request: req,
            via: 'http',
          }),
        );
      } catch (error) {
        // A conflict answers the object's state now, so the page shows it at once.
        if (error instanceof OperationConflictError) {
          res.status(409).json({
            error: serializeError(error),
            request: { method: req.method, url: req.originalUrl },
            response: { statusCode: 409 },
            ...(error.item ? { item: error.item } : {}),
          });
          return;
        }
        throw error;
      }
    },
  );

  router.get('/v1/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: cache.clusters() });
  });

  return router;
}
