import { IncomingMessage, ServerResponse } from 'node:http';
import { SimContext } from './context';
import { ApiError, successStatus } from '../errors';
import { malformJson } from '../faults/faults';
import { mediaType, readBody, sendJson } from './http';
import {
  decodeContinue,
  dryRunOf,
  encodeContinue,
  intParam,
  isTrue,
  readDeleteOptions,
  readObjectBody,
} from './requestParams';
import { PatchType, WriteResult } from '../writes/operations';
import { ResourcePath } from './paths';
import { present } from '../storage/present';
import { presentBytes } from '../storage/entryBytes';
import { parseSelector } from '../storage/selectors';
import { ListPage } from '../storage/store';
import {
  KubeObject,
  ResourceType,
  groupVersion,
  qualifiedResource,
} from '../types';
import { serveWatch } from './watchStream';
import { CRD_KEY } from '../discovery/crds';
import { IncludeObject, tableColumns, tableVersionOf, toTable } from './table';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** One resource request, resolved. */
interface ResourceRequest {
  ctx: SimContext;
  req: IncomingMessage;
  res: ServerResponse;
  path: ResourcePath;
  query: URLSearchParams;
  type: ResourceType;
  malformed: boolean;
}

function reply(r: ResourceRequest, code: number, json: string | Buffer[]) {
  sendJson(
    r.res,
    code,
    r.malformed
      ? malformJson(
          typeof json === 'string' ? json : Buffer.concat(json).toString(),
        )
      : json,
  );
}

function replyEntry(r: ResourceRequest, code: number, result: WriteResult) {
  reply(r, code, present(r.type, result.entry.json, r.path.version));
}

const COMMA = Buffer.from(',');
const LIST_END = Buffer.from(']}');

/**
 * The list as the pieces of its JSON, each object's stored bytes among them: written one
 * after the other, never copied into one buffer (a page of 500 objects is half a
 * megabyte, and allocating that per page made the simulator collect its large heap).
 */
function listJson(r: ResourceRequest, rv: number, page: ListPage): Buffer[] {
  const { type, path } = r;
  const meta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (page.continueKey !== undefined) {
    meta.continue = encodeContinue(rv, page.continueKey);
    if (page.remainingItemCount !== undefined) {
      meta.remainingItemCount = page.remainingItemCount;
    }
  }
  const parts = [
    Buffer.from(
      `{"kind":${JSON.stringify(type.listKind)},"apiVersion":${JSON.stringify(
        groupVersion(type.group, path.version),
      )},"metadata":${JSON.stringify(meta)},"items":[`,
    ),
  ];
  page.entries.forEach((e, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(presentBytes(type, e, path.version));
  });
  parts.push(LIST_END);
  return parts;
}

/** kubectl get asks for a Table; the rows are built from the objects at the asked version. */
function tableJson(
  r: ResourceRequest,
  objectsJson: string[],
  metadata: Record<string, unknown>,
): string | undefined {
  const build = tableBuilder(r);
  return build?.(
    objectsJson.map(j => JSON.parse(j) as KubeObject),
    metadata,
  );
}

/** Builds Tables of objects when the request asks for Tables. */
function tableBuilder(
  r: ResourceRequest,
):
  | ((objects: KubeObject[], metadata: Record<string, unknown>) => string)
  | undefined {
  const version = tableVersionOf(r.req.headers.accept);
  if (!version) {
    return undefined;
  }
  const crdType = r.ctx.registry.findByKey(CRD_KEY);
  const crd =
    r.type.crdName && crdType
      ? r.ctx.store.get(crdType, '', r.type.crdName)?.obj
      : undefined;
  const include = r.query.get('includeObject') ?? 'Metadata';
  if (!['None', 'Metadata', 'Object'].includes(include)) {
    throw ApiError.badRequest(
      `includeObject: Unsupported value: "${include}": supported values: "None", "Metadata", "Object"`,
    );
  }
  const columns = tableColumns(r.type, r.path.version, crd);
  return (objects, metadata) =>
    JSON.stringify(
      toTable({
        version,
        columns,
        objects,
        metadata,
        includeObject: include as IncludeObject,
      }),
    );
}

function list(r: ResourceRequest) {
  const selector = parseSelector(
    r.query.get('labelSelector') ?? undefined,
    r.query.get('fieldSelector') ?? undefined,
  );
  const limit = intParam(r.query, 'limit');
  const token = r.query.get('continue');
  let rv = r.ctx.store.resourceVersion;
  let after: string | undefined;
  if (token) {
    const decoded = decodeContinue(token);
    if (decoded.rv < r.ctx.hub.oldestResourceVersion) {
      throw ApiError.expired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    rv = decoded.rv;
    after = decoded.after;
  }
  const page = r.ctx.store.list(r.type, {
    namespace: r.path.namespace,
    selector,
    limit,
    after,
  });
  const meta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (page.continueKey !== undefined) {
    meta.continue = encodeContinue(rv, page.continueKey);
    if (page.remainingItemCount !== undefined) {
      meta.remainingItemCount = page.remainingItemCount;
    }
  }
  const table = tableVersionOf(r.req.headers.accept)
    ? tableJson(
        r,
        page.entries.map(e => present(r.type, e.json, r.path.version)),
        meta,
      )
    : undefined;
  reply(r, 200, table ?? listJson(r, rv, page));
}

function watch(r: ResourceRequest) {
  const { query, path } = r;
  let fieldSelector = query.get('fieldSelector') ?? undefined;
  if (path.name !== undefined) {
    const byName = `metadata.name=${path.name}`;
    fieldSelector = fieldSelector ? `${fieldSelector},${byName}` : byName;
  }
  const selector = parseSelector(
    query.get('labelSelector') ?? undefined,
    fieldSelector,
  );
  // kubectl get -w: each event's object is a one-row Table.
  const table = tableBuilder(r);
  serveWatch(r.ctx, r.res, r.type, path.version, path.namespace, selector, {
    resourceVersion: query.get('resourceVersion') ?? undefined,
    allowWatchBookmarks: isTrue(query.get('allowWatchBookmarks')),
    timeoutSeconds: intParam(query, 'timeoutSeconds'),
    sendInitialEvents: isTrue(query.get('sendInitialEvents')),
    malformed: r.malformed,
    asTable: table
      ? object =>
          table([object], {
            resourceVersion: object.metadata.resourceVersion,
          })
      : undefined,
  });
}

function forbidden(r: ResourceRequest, verb: string) {
  const { type, path } = r;
  const where = path.namespace
    ? `in the namespace "${path.namespace}"`
    : 'at the cluster scope';
  return new ApiError(
    403,
    `${qualifiedResource(type)}${
      path.name ? ` "${path.name}"` : ''
    } is forbidden: User "system:serviceaccount:kube-sim:client" cannot ${verb} resource "${
      type.plural
    }" in API group "${type.group}" ${where}`,
    'Forbidden',
    { name: path.name, group: type.group, kind: type.plural },
  );
}

function verbOf(method: string, path: ResourcePath, watching: boolean): string {
  switch (method) {
    case 'GET':
      if (watching) return 'watch';
      return path.name === undefined ? 'list' : 'get';
    case 'POST':
      return path.name === undefined ? 'create' : '';
    case 'PUT':
      return path.name === undefined ? '' : 'update';
    case 'PATCH':
      return path.name === undefined ? '' : 'patch';
    case 'DELETE':
      return path.name === undefined ? 'deletecollection' : 'delete';
    default:
      return '';
  }
}

/** Resolves the resource a path names, or throws 404 as Kubernetes does. */
function resolveType(ctx: SimContext, path: ResourcePath): ResourceType {
  const type = ctx.registry.find(path.group, path.version, path.plural);
  const notFound = new ApiError(
    404,
    'the server could not find the requested resource',
    'NotFound',
  );
  if (!type) {
    throw notFound;
  }
  if (
    path.subresource !== undefined &&
    !(path.subresource === 'status' && type.statusSubresource)
  ) {
    throw notFound;
  }
  if (path.namespace !== undefined && !type.namespaced) {
    throw notFound;
  }
  if (
    type.namespaced &&
    path.name !== undefined &&
    path.namespace === undefined
  ) {
    throw notFound;
  }
  return type;
}

/** Serves one request on a resource path. */
export async function handleResource(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ResourcePath,
  query: URLSearchParams,
) {
  const type = resolveType(ctx, path);
  const method = req.method ?? 'GET';
  const watching = path.watchPath || isTrue(query.get('watch'));
  const verb = verbOf(method, path, watching);
  if (!verb || (path.watchPath && method !== 'GET')) {
    throw new ApiError(
      405,
      `the server does not allow this method on the requested resource`,
      'MethodNotAllowed',
    );
  }
  const r: ResourceRequest = {
    ctx,
    req,
    res,
    path,
    query,
    type,
    malformed: ctx.faults.isMalformed(type.group, type.plural),
  };
  if (ctx.faults.isForbidden(type.group, type.plural)) {
    throw forbidden(r, verb);
  }
  const injected = ctx.faults.errorFor(type.group, type.plural);
  if (injected) {
    throw new ApiError(
      injected.status,
      `injected fault: ${injected.status} for ${qualifiedResource(type)}`,
    );
  }
  const subresource = path.subresource === 'status' ? 'status' : undefined;
  const namespace = path.namespace;
  switch (verb) {
    case 'watch':
      watch(r);
      return;
    case 'list':
      list(r);
      return;
    case 'get': {
      const entry = ctx.ops.get(type, namespace ?? '', path.name as string);
      const json = present(type, entry.json, path.version);
      const table = tableJson(r, [json], {
        resourceVersion: entry.obj.metadata.resourceVersion,
      });
      reply(r, 200, table ?? json);
      return;
    }
    case 'create': {
      if (type.namespaced && namespace === undefined) {
        throw new ApiError(
          405,
          'create requires a namespace for namespaced resources',
          'MethodNotAllowed',
        );
      }
      const body = await readObjectBody(req);
      replyEntry(
        r,
        201,
        ctx.ops.create(type, namespace, body, { dryRun: dryRunOf(query) }),
      );
      return;
    }
    case 'update': {
      const body = await readObjectBody(req);
      const result = ctx.ops.update(
        type,
        namespace,
        path.name as string,
        body,
        { dryRun: dryRunOf(query), subresource },
      );
      replyEntry(r, 200, result);
      return;
    }
    case 'patch': {
      // Custom resources have no strategic merge patch, as in Kubernetes.
      const accepted = Object.keys(PATCH_TYPES).filter(
        t => !type.crdName || PATCH_TYPES[t] !== 'strategic',
      );
      const contentType = mediaType(req.headers['content-type']);
      const patchType = accepted.includes(contentType)
        ? PATCH_TYPES[contentType]
        : undefined;
      if (!patchType) {
        throw new ApiError(
          415,
          `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
            ', ',
          )}`,
          'UnsupportedMediaType',
        );
      }
      const text = await readBody(req);
      const result = ctx.ops.patch(
        type,
        namespace,
        path.name as string,
        patchType,
        text,
        path.version,
        {
          dryRun: dryRunOf(query),
          subresource,
          fieldManager: query.get('fieldManager') ?? undefined,
        },
      );
      replyEntry(r, result.created ? 201 : 200, result);
      return;
    }
    case 'delete': {
      const options = await readDeleteOptions(req, query);
      const result = ctx.ops.delete(
        type,
        namespace,
        path.name as string,
        options,
      );
      if (!result.deleted) {
        replyEntry(r, 202, result);
      } else if (type.returnDeletedObject) {
        replyEntry(r, 200, result);
      } else {
        reply(
          r,
          200,
          JSON.stringify(
            successStatus(
              type,
              path.name as string,
              result.entry.obj.metadata.uid,
            ),
          ),
        );
      }
      return;
    }
    case 'deletecollection': {
      const options = await readDeleteOptions(req, query);
      const selector = parseSelector(
        query.get('labelSelector') ?? undefined,
        query.get('fieldSelector') ?? undefined,
      );
      const entries = ctx.ops.deleteCollection(
        type,
        namespace,
        selector,
        options,
      );
      reply(r, 200, listJson(r, ctx.store.resourceVersion, { entries }));
      return;
    }
    default:
      throw new ApiError(
        405,
        `the server does not allow this method on the requested resource`,
        'MethodNotAllowed',
      );
  }
}
