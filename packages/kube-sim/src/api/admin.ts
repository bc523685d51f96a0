import { IncomingMessage, ServerResponse } from 'node:http';
import { SimContext } from './context';
import { ApiError } from '../errors';
import {
  DownMode,
  ErrorFault,
  FaultTarget,
  Faults,
  checkDownOptions,
} from '../faults/faults';
import { readBody, sendJson } from './http';
import { isObject } from '../types';

/** The body of `POST /_sim/faults`: every field optional, lists are appended to. */
export interface FaultRequest {
  latencyMs?: number;
  errors?: ErrorFault[];
  forbidden?: FaultTarget[];
  malformed?: FaultTarget[];
  /** `{}` ends open watches now; `{ afterMs }` limits every watch's lifetime. */
  dropWatches?: { afterMs?: number };
  /** Watch events reach watchers this long after the write. */
  watchLatencyMs?: number;
  down?: { mode?: DownMode; forMs?: number };
}

const CLEARERS: Record<string, (faults: Faults) => unknown> = {
  latency: f => f.clearLatency(),
  errors: f => f.clearErrors(),
  forbidden: f => f.clearForbidden(),
  malformed: f => f.clearMalformed(),
  watchDrops: f => f.clearWatchDrops(),
  watchLatency: f => f.clearWatchLatency(),
  down: f => f.up(),
};

function arrayField<T>(body: Record<string, unknown>, field: string): T[] {
  const value = body[field];
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw ApiError.badRequest(`${field} must be an array`);
  }
  return value as T[];
}

/**
 * Applies a fault request; every field is validated before anything changes. Returns
 * the `down` step separately: it must run after the reply, since it cuts connections.
 */
export function applyFaultRequest(
  faults: Faults,
  body: unknown,
): (() => Promise<void>) | undefined {
  if (!isObject(body)) {
    throw ApiError.badRequest('the body must be a JSON object');
  }
  const known = [
    'latencyMs',
    'errors',
    'forbidden',
    'malformed',
    'dropWatches',
    'watchLatencyMs',
    'down',
  ];
  const unknownField = Object.keys(body).find(k => !known.includes(k));
  if (unknownField) {
    throw ApiError.badRequest(
      `unknown field "${unknownField}"; known fields: ${known.join(', ')}`,
    );
  }
  const request = body as FaultRequest;
  if (request.dropWatches !== undefined && !isObject(request.dropWatches)) {
    throw ApiError.badRequest(
      'dropWatches must be an object, e.g. {} or { "afterMs": 1000 }',
    );
  }
  if (request.down !== undefined && !isObject(request.down)) {
    throw ApiError.badRequest(
      'down must be an object, e.g. { "mode": "reset", "forMs": 5000 }',
    );
  }
  const down = request.down;
  const mode = down?.mode ?? 'refuse';
  // Validate on a scratch instance first so a bad field leaves the live faults untouched.
  const scratch = new Faults({
    endWatches: () => undefined,
    setDown: async () => undefined,
  });
  const steps = (target: Faults) => {
    if (request.latencyMs !== undefined) target.setLatency(request.latencyMs);
    arrayField<ErrorFault>(body, 'errors').forEach(e => target.addError(e));
    arrayField<FaultTarget>(body, 'forbidden').forEach(t => target.forbid(t));
    arrayField<FaultTarget>(body, 'malformed').forEach(t => target.malform(t));
    if (request.dropWatches) target.dropWatches(request.dropWatches);
    if (request.watchLatencyMs !== undefined)
      target.setWatchLatency(request.watchLatencyMs);
  };
  try {
    steps(scratch);
    if (down) {
      checkDownOptions(mode, down.forMs);
    }
  } catch (e) {
    throw ApiError.badRequest((e as Error).message);
  }
  steps(faults);
  return down ? () => faults.down(mode, { forMs: down.forMs }) : undefined;
}

/**
 * `/_sim/faults`: GET shows the active faults, POST adds some (see `FaultRequest`),
 * DELETE clears all of them, DELETE `/_sim/faults/<kind>` clears one kind
 * (latency, errors, forbidden, malformed, watchDrops, watchLatency, down).
 */
export async function handleAdmin(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
) {
  const faults = ctx.faults;
  const rest = pathname.replace(/^\/_sim\/faults\/?/, '');
  if (!pathname.startsWith('/_sim/faults')) {
    throw new ApiError(
      404,
      `no admin endpoint at ${pathname}; try /_sim/faults`,
      'NotFound',
    );
  }
  if (rest !== '') {
    const clear = CLEARERS[rest];
    if (!clear || req.method !== 'DELETE') {
      throw new ApiError(
        404,
        `use DELETE /_sim/faults/<${Object.keys(CLEARERS).join('|')}>`,
        'NotFound',
      );
    }
    await clear(faults);
    sendJson(res, 200, faults.state());
    return;
  }
  switch (req.method) {
    case 'GET':
      sendJson(res, 200, faults.state());
      return;
    case 'POST': {
      const text = await readBody(req);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw ApiError.badRequest(
          `error decoding JSON body: ${(e as Error).message}`,
        );
      }
      const goDown = applyFaultRequest(faults, body);
      if (goDown) {
        res.setHeader('Connection', 'close');
        res.on('finish', () => void goDown());
        const mode = (body as FaultRequest).down?.mode ?? 'refuse';
        sendJson(res, 200, { ...faults.state(), down: mode });
        return;
      }
      sendJson(res, 200, faults.state());
      return;
    }
    case 'DELETE':
      await faults.clear();
      sendJson(res, 200, faults.state());
      return;
    default:
      throw new ApiError(
        405,
        'use GET, POST or DELETE on /_sim/faults',
        'MethodNotAllowed',
      );
  }
}
