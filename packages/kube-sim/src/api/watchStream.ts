import { ServerResponse } from 'node:http';
import { SimContext } from './context';
import { laggingWriter } from './laggingWriter';
import { ApiError } from '../errors';
import { malformJson } from '../faults/faults';
import { present } from '../storage/present';
import { Selector } from '../storage/selectors';
import { KubeObject, ResourceType, groupVersion } from '../types';
import { Watcher, eventLine } from '../storage/watch';

/** The query parameters of a watch request. */
export interface WatchParams {
  resourceVersion?: string;
  allowWatchBookmarks: boolean;
  timeoutSeconds?: number;
  sendInitialEvents: boolean;
  malformed: boolean;
  /**
   * Rewrites each object event (kubectl get -w asks for Tables): the object becomes a
   * one-row Table. Bookmarks and errors pass unchanged.
   */
  asTable?: (object: KubeObject) => string;
}

/** A watcher whose output buffer grows past this is too slow and gets cut off, as in Kubernetes. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

function bookmarkLine(
  type: ResourceType,
  version: string,
  rv: number,
  initialEventsEnd: boolean,
) {
  const metadata: Record<string, unknown> = {
    resourceVersion: String(rv),
    creationTimestamp: null,
  };
  if (initialEventsEnd) {
    metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  }
  return eventLine(
    'BOOKMARK',
    JSON.stringify({
      kind: type.kind,
      apiVersion: groupVersion(type.group, version),
      metadata,
    }),
  );
}

/** Parses the `resourceVersion` of a watch: undefined means "current state first". */
function startingPoint(
  resourceVersion: string | undefined,
): number | undefined {
  if (
    resourceVersion === undefined ||
    resourceVersion === '' ||
    resourceVersion === '0'
  ) {
    return undefined;
  }
  if (!/^\d+$/.test(resourceVersion)) {
    throw ApiError.badRequest(
      `invalid resource version: ${JSON.stringify(resourceVersion)}`,
    );
  }
  return Number(resourceVersion);
}

/**
 * Serves a watch: a chunked 200 of newline-delimited `{"type","object"}` events. Without
 * a resourceVersion the current objects come first as ADDED; from a resourceVersion the
 * retained history is replayed; from one no longer retained, one ERROR event with a 410
 * Expired Status ends the stream, as the Kubernetes watch cache does.
 */
export function serveWatch(
  ctx: SimContext,
  res: ServerResponse,
  type: ResourceType,
  version: string,
  namespace: string | undefined,
  selector: Selector,
  params: WatchParams,
) {
  const fromRv = startingPoint(params.resourceVersion);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();

  const asTable = (line: string) => {
    const event = JSON.parse(line) as { type: string; object: KubeObject };
    if (!['ADDED', 'MODIFIED', 'DELETED'].includes(event.type)) {
      return line;
    }
    const table = params.asTable!(event.object);
    return eventLine(event.type, table);
  };
  const write = (raw: string) => {
    const line = params.asTable ? asTable(raw) : raw;
    res.write(params.malformed ? `${malformJson(line.trimEnd())}\n` : line);
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
    }
  };

  if (fromRv !== undefined) {
    try {
      ctx.hub.checkNotExpired(fromRv);
    } catch (e) {
      if (e instanceof ApiError) {
        write(eventLine('ERROR', JSON.stringify(e.toStatus())));
        res.end();
        return;
      }
      throw e;
    }
  }

  // Events and bookmarks go out through the watch-latency fault, in order.
  const out = laggingWriter(write, () => ctx.faults.watchLatencyMs);
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;
  let ended = false;
  const end = () => {
    if (ended) {
      return;
    }
    ended = true;
    timers.forEach(t => clearTimeout(t));
    out.stop();
    unsubscribe?.();
    res.end();
  };
  const endAfter = (ms: number) => {
    timers.push(setTimeout(end, ms));
  };

  const watcher: Watcher = {
    resource: type,
    version,
    namespace,
    selector,
    send: out.send,
    end,
    endAfter,
  };

  if (fromRv === undefined || params.sendInitialEvents) {
    for (const entry of ctx.store.list(type, { namespace, selector }).entries) {
      out.send(eventLine('ADDED', present(type, entry.json, version)));
    }
    if (params.sendInitialEvents && params.allowWatchBookmarks) {
      out.send(bookmarkLine(type, version, ctx.store.resourceVersion, true));
    }
    unsubscribe = ctx.hub.subscribe(watcher);
  } else {
    unsubscribe = ctx.hub.subscribe(watcher, fromRv);
  }

  res.on('close', end);
  if (params.allowWatchBookmarks) {
    const interval = setInterval(
      () =>
        out.send(bookmarkLine(type, version, ctx.store.resourceVersion, false)),
      ctx.bookmarkIntervalMs,
    );
    timers.push(interval);
  }
  if (params.timeoutSeconds !== undefined && params.timeoutSeconds > 0) {
    timers.push(
      setTimeout(() => {
        if (params.allowWatchBookmarks) {
          out.send(
            bookmarkLine(type, version, ctx.store.resourceVersion, false),
          );
        }
        end();
      }, params.timeoutSeconds * 1000),
    );
  }
  const dropAfter = ctx.faults.watchDropAfterMs;
  if (dropAfter !== undefined) {
    endAfter(dropAfter);
  }
}
