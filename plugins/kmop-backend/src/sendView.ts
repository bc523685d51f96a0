import { KmopEntityView } from '@kmop/plugin-kmop-common';
import { createHash } from 'node:crypto';
import { Request, Response } from 'express';

/**
 * Answers with the view and an `ETag` over everything but `generatedAt` (when
 * the view was built, not what it holds), or with `304 Not Modified` when the
 * caller already holds that content (`If-None-Match`). Call it only after the
 * caller was authorized for the view: a caller who lost access gets the error,
 * never a 304.
 */
export function sendView(req: Request, res: Response, view: KmopEntityView) {
  const { etag, body } = serialize(view);
  res.setHeader('ETag', etag);
  // The browser must ask every time (the answer depends on who asks and on
  // the clusters), but may reuse the body it has when the answer is 304.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (matches(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(body);
}

/**
 * The view service hands out one view object per change: serialize it once. The body is
 * kept as bytes: sent as a string, every answer encoded the view again (about 40 KB a
 * request), and that garbage was collected during the next requests.
 */
const serialized = new WeakMap<
  KmopEntityView,
  { etag: string; body: Buffer }
>();

function serialize(view: KmopEntityView) {
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

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map(t => t.trim().replace(/^W\//, ''))
    .some(t => t === etag || t === '*');
}
