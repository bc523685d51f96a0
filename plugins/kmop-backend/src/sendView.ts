import { KmopEntityView } from '@kmop/plugin-kmop-common';
import { createHash } from 'node:crypto';
import { Request, Response } from 'express';

/**
 * Answers with the view and an `ETag` over everything but `generatedAt` (the
 * time of this answer, not of the content), or with `304 Not Modified` when the
 * caller already holds that content (`If-None-Match`). Call it only after the
 * caller was authorized for the view: a caller who lost access gets the error,
 * never a 304.
 */
export function sendView(req: Request, res: Response, view: KmopEntityView) {
  const { generatedAt, ...content } = view;
  const json = JSON.stringify(content);
  const etag = `"${createHash('sha256')
    .update(json)
    .digest('base64url')
    .slice(0, 27)}"`;
  res.setHeader('ETag', etag);
  // The browser must ask every time (the answer depends on who asks and on
  // the clusters), but may reuse the body it has when the answer is 304.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (matches(req.get('If-None-Match'), etag)) {
    res.status(304).end();
    return;
  }
  // Serialized once: the content already is, `generatedAt` is appended.
  res
    .type('application/json')
    .send(`${json.slice(0, -1)},"generatedAt":${JSON.stringify(generatedAt)}}`);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map(t => t.trim().replace(/^W\//, ''))
    .some(t => t === etag || t === '*');
}
