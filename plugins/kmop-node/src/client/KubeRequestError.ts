/**
 * What went wrong talking to a cluster, in words the UI and the cache act on.
 *
 * @public
 */
export type KubeErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'gone'
  | 'conflict'
  | 'invalid'
  | 'server'
  | 'malformed';

/**
 * A failed request to a Kubernetes API server. Never carries credentials.
 *
 * @public
 */
export class KubeRequestError extends Error {
  readonly kind: KubeErrorKind;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** The request path, without the query string. */
  readonly path: string;
  /** The `reason` of a Kubernetes Status body, when there was one. */
  readonly reason?: string;

  constructor(options: {
    kind: KubeErrorKind;
    message: string;
    path: string;
    status?: number;
    reason?: string;
  }) {
    super(options.message);
    this.name = 'KubeRequestError';
    this.kind = options.kind;
    this.status = options.status;
    this.path = options.path;
    this.reason = options.reason;
  }

  /** Maps an HTTP status and optional Status body to an error. */
  static fromResponse(
    status: number,
    path: string,
    body: unknown,
  ): KubeRequestError {
    const statusBody =
      body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const reason =
      typeof statusBody.reason === 'string' ? statusBody.reason : undefined;
    const detail =
      typeof statusBody.message === 'string' ? statusBody.message : undefined;
    return new KubeRequestError({
      kind: kindOfStatus(status),
      status,
      path,
      reason,
      message: `${status} ${reason ?? 'error'} from ${path}${
        detail ? `: ${detail}` : ''
      }`,
    });
  }
}

function kindOfStatus(status: number): KubeErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 400:
    case 415:
    case 422:
      return 'invalid';
    default:
      return 'server';
  }
}
