import { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin';
import { SimContext } from './context';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedDiscoveryVersion,
  apiGroupInfo,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from '../discovery/discovery';
import { ApiError, failureStatus } from '../errors';
import { acceptsJson, sendJson, sendStatus } from './http';
import { openApiDocument, openApiIndex } from '../discovery/openapi';
import { ApiPath, parseApiPath } from './paths';
import { handleResource } from './resourceHandlers';

const PUBLIC_PATHS = new Set(['version', 'health']);

function notFound() {
  return new ApiError(
    404,
    'the server could not find the requested resource',
    'NotFound',
  );
}

async function isAuthorized(ctx: SimContext, req: IncomingMessage) {
  if (!ctx.authenticate) {
    return true;
  }
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  return match ? await ctx.authenticate(match[1]) : false;
}

/** Discovery, OpenAPI and health: everything that is not a resource request. */
function serveInfo(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ApiPath,
) {
  const aggregated = aggregatedDiscoveryVersion(req.headers.accept);
  switch (path.kind) {
    case 'version':
      return sendJson(res, 200, versionInfo());
    case 'health':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('ok');
    case 'coreRoot':
      return aggregated
        ? sendJson(
            res,
            200,
            aggregatedDiscovery(ctx.registry, true, aggregated),
            aggregatedContentType(aggregated),
          )
        : sendJson(res, 200, coreApiVersions(ctx.serverAddress()));
    case 'groupsRoot':
      return aggregated
        ? sendJson(
            res,
            200,
            aggregatedDiscovery(ctx.registry, false, aggregated),
            aggregatedContentType(aggregated),
          )
        : sendJson(res, 200, apiGroupList(ctx.registry));
    case 'group': {
      const group = apiGroupInfo(ctx.registry, path.group);
      return group
        ? sendJson(res, 200, group)
        : sendStatus(res, notFound().toStatus());
    }
    case 'groupVersion': {
      const list = apiResourceList(ctx.registry, path.group, path.version);
      return list
        ? sendJson(res, 200, list)
        : sendStatus(res, notFound().toStatus());
    }
    case 'openapiIndex':
      return sendJson(res, 200, openApiIndex(ctx.registry, ctx.crdSchema));
    case 'openapiDocument': {
      const doc = openApiDocument(
        ctx.registry,
        path.group,
        path.version,
        ctx.crdSchema,
      );
      return doc
        ? sendJson(res, 200, doc)
        : sendStatus(res, notFound().toStatus());
    }
    default:
      return sendStatus(res, notFound().toStatus());
  }
}

async function route(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://kube-sim');
  if (ctx.admin && url.pathname.startsWith('/_sim/')) {
    if (!(await isAuthorized(ctx, req))) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    await handleAdmin(ctx, req, res, url.pathname);
    return;
  }
  if (ctx.faults.downState === 'reset') {
    req.socket.resetAndDestroy();
    return;
  }
  const path = parseApiPath(url.pathname);
  if (!PUBLIC_PATHS.has(path.kind) && !(await isAuthorized(ctx, req))) {
    throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  }
  if (ctx.faults.latencyMs > 0) {
    await sleep(ctx.faults.latencyMs);
  }
  if (!acceptsJson(req.headers.accept)) {
    throw new ApiError(
      406,
      `only the following media types are accepted: application/json`,
      'NotAcceptable',
    );
  }
  if (path.kind === 'resource') {
    await handleResource(ctx, req, res, path, url.searchParams);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new ApiError(
      405,
      'the server does not allow this method on the requested resource',
      'MethodNotAllowed',
    );
  }
  const injected = ctx.faults.errorFor(undefined, undefined);
  if (injected) {
    throw new ApiError(injected.status, `injected fault: ${injected.status}`);
  }
  serveInfo(ctx, req, res, path);
}

/** The server's request listener: every reply is JSON, every error a `kind: Status`. */
export function createRequestHandler(ctx: SimContext) {
  return (req: IncomingMessage, res: ServerResponse) => {
    route(ctx, req, res).catch((e: unknown) => {
      if (e instanceof ApiError) {
        sendStatus(res, e.toStatus());
      } else {
        sendStatus(
          res,
          failureStatus(
            500,
            `Internal error occurred: ${(e as Error)?.message ?? String(e)}`,
          ),
        );
      }
    });
  };
}
