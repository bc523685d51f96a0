import { KmopEntityView } from '@kmop/plugin-kmop-common';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Request, Response } from 'express';

const gzipAsync = promisify(gzip);

/** Bodies below this are sent as they are, as Backstage's compression middleware does. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Answers with the view and an `ETag` over everything but `generatedAt` (when
 * the view was built, not what it holds), or with `304 Not Modified` when the
 * caller already holds that content (`If-None-Match`). Call it only after the
 * caller was authorized for the view: a caller who lost access gets the error,
 * never a 304.
 *
 * A caller that accepts gzip (every browser) gets the view compressed once per view,
 * with the `Content-Encoding` set, so Backstage's compression middleware leaves it be:
 * it compressed the same 40 KB again for every answer. That representation's `ETag`
 * is weak (`W/`), as its bytes differ from the uncompressed one's.
 */
export async function sendView(
  req: Request,
  res: Response,
  view: KmopEntityView,
) {
  const known = serialize(view);
  const compress =
    known.body.length >= COMPRESS_FROM_BYTES &&
    req.acceptsEncodings('gzip') === 'gzip';
  res.vary('Accept-Encoding');
  res.setHeader('ETag', compress ? `W/${known.etag}` : known.etag);
  // The browser must ask every time (the answer depends on who asks and on
  // the clusters), but may reuse the body it has when the answer is 304.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (matches(req.get('If-None-Match'), known.etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  if (!compress) {
    res.send(known.body);
    return;
  }
  known.gzipped ??= gzipAsync(known.body);
  res.setHeader('Content-Encoding', 'gzip');
  res.send(await known.gzipped);
}

interface Serialized {
  etag: string;
  body: Buffer;
  /** Compressed on the first answer that asks for gzip, in libuv's thread pool. */
  gzipped?: Promise<Buffer>;
}

/**
 * The view service hands out one view object per change: serialize it once. The body is
 * kept as bytes: sent as a string, every answer encoded the view again (about 40 KB a
 * request), and that garbage was collected during the next requests.
 */
const serialized = new WeakMap<KmopEntityView, Serialized>();

function serialize(view: KmopEntityView): Serialized {
  let known = serialized.get(view);
  if (!known) {
    const { generatedAt, ...content } = view;
    const json = JSON.stringify(content);
    const etag = `"${createHash('sha256')
      .update(json)
      .digest('base64url')
      .slice(0, 27)}"`;
    // `generatedAt` appended: the content is serialized once, for the hash too.
    const body = Buffer.from(
      `${json.slice(0, -1)},"generatedAt":${JSON.stringify(generatedAt)}}`,
    );
    known = { etag, body };
    serialized.set(view, known);
  }
  return known;
}

/** Weak comparison (RFC 9110 §13.1.2): either representation's tag matches. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map(t => t.trim().replace(/^W\//, ''))
    .some(t => t === etag || t === '*');
}
