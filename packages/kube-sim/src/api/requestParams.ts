import { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../errors';
import { mediaType, readBody } from './http';
import { DeleteOptions } from '../writes/operations';
import { isObject } from '../types';

// Query parameters and request bodies of resource requests, parsed as Kubernetes does.

/** Kubernetes' boolean query parameters: `true` or `1`. */
export function isTrue(value: string | null) {
  return value === 'true' || value === '1';
}

/** Whether `dryRun=All` was asked for; other values are a 400. */
export function dryRunOf(query: URLSearchParams) {
  const values = query.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All') {
      throw ApiError.badRequest(
        `Invalid dry run value: "${v}", supported values: All`,
      );
    }
  }
  return values.length > 0;
}

/** A non-negative integer query parameter, or undefined when absent. */
export function intParam(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  if (!/^\d+$/.test(raw)) {
    throw ApiError.badRequest(
      `${name}: invalid value ${JSON.stringify(
        raw,
      )}: must be a non-negative integer`,
    );
  }
  return Number(raw);
}

/** Kubernetes' continue token: base64 of `{"v","rv","start"}`, opaque to clients. */
export function encodeContinue(rv: number, key: string) {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${key}\u0000` }),
  ).toString('base64');
}

export function decodeContinue(token: string): { rv: number; after: string } {
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(token, 'base64').toString('utf8'),
    );
    if (
      isObject(parsed) &&
      parsed.v === 'meta.k8s.io/v1' &&
      typeof parsed.rv === 'number' &&
      typeof parsed.start === 'string' &&
      parsed.start.endsWith('\u0000')
    ) {
      return { rv: parsed.rv, after: parsed.start.slice(0, -1) };
    }
  } catch {
    // fall through to the error below
  }
  throw ApiError.badRequest(
    'continue key is not valid: the continue token is malformed',
  );
}

export async function readObjectBody(req: IncomingMessage): Promise<unknown> {
  const type = mediaType(req.headers['content-type']);
  const text = await readBody(req);
  if (type === 'application/json' || type === '') {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw ApiError.badRequest(
        `error decoding JSON body: ${(e as Error).message}`,
      );
    }
  }
  if (type === 'application/yaml') {
    try {
      return parseYaml(text);
    } catch (e) {
      throw ApiError.badRequest(
        `error decoding YAML body: ${(e as Error).message}`,
      );
    }
  }
  throw new ApiError(
    415,
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got ${type})`,
    'UnsupportedMediaType',
  );
}

export async function readDeleteOptions(
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<DeleteOptions> {
  const text = await readBody(req);
  const options: DeleteOptions = { dryRun: dryRunOf(query) };
  const policy = query.get('propagationPolicy');
  let body: unknown = {};
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw ApiError.badRequest(
        `error decoding DeleteOptions: ${(e as Error).message}`,
      );
    }
  }
  const opts = isObject(body) ? body : {};
  const chosen = policy ?? opts.propagationPolicy;
  if (
    chosen !== undefined &&
    chosen !== 'Orphan' &&
    chosen !== 'Background' &&
    chosen !== 'Foreground'
  ) {
    throw ApiError.badRequest(
      `propagationPolicy: Unsupported value: ${JSON.stringify(chosen)}`,
    );
  }
  options.propagationPolicy = chosen;
  if (Array.isArray(opts.dryRun) && opts.dryRun.includes('All')) {
    options.dryRun = true;
  }
  if (isObject(opts.preconditions)) {
    const { uid, resourceVersion } = opts.preconditions;
    options.preconditions = {
      uid: typeof uid === 'string' ? uid : undefined,
      resourceVersion:
        typeof resourceVersion === 'string' ? resourceVersion : undefined,
    };
  }
  return options;
}
