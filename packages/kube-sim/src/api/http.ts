import { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, Status } from '../errors';

/** Kubernetes' own limit on request bodies is 3 MiB; a little headroom for seeds and tests. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads a request body as UTF-8, answering 413 past the limit. */
export function readBody(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(
          new ApiError(
            413,
            `the request body is larger than ${limit} bytes`,
            'RequestEntityTooLarge',
          ),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isBufferList(body: unknown): body is Buffer[] {
  return Array.isArray(body) && body.length > 0 && Buffer.isBuffer(body[0]);
}

/** Sends a JSON reply; `body` may already be serialized (text, or UTF-8 bytes in pieces). */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
) {
  const parts = isBufferList(body)
    ? body
    : [typeof body === 'string' ? body : JSON.stringify(body)];
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': parts.reduce((n, p) => n + Buffer.byteLength(p), 0),
    'Cache-Control': 'no-cache, private',
  });
  res.cork();
  for (const part of parts) res.write(part);
  res.end();
}

/** Sends a `kind: Status` reply with the status's own code. */
export function sendStatus(res: ServerResponse, status: Status) {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status.code, status);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined) {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether an Accept header allows a JSON reply. */
export function acceptsJson(accept: string | undefined) {
  if (!accept) {
    return true;
  }
  return accept.split(',').some(part => {
    const type = mediaType(part);
    return (
      type === 'application/json' || type === '*/*' || type === 'application/*'
    );
  });
}
