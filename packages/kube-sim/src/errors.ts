import { ResourceType, qualifiedResource } from './types';

type TypeNames = Pick<ResourceType, 'group' | 'kind' | 'plural'>;

/** A `metav1.Status` object, the body of every error reply. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** `Status.details`: which object the status is about. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason?: string; message: string; field?: string }>;
  retryAfterSeconds?: number;
}

/** Reasons Kubernetes uses for each status code it answers with. */
const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The Kubernetes reason for a status code (`InternalError` for unknown 5xx, `BadRequest` for 4xx). */
export function reasonForCode(code: number): string {
  return REASONS[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
}

/** An error that the HTTP layer turns into a `kind: Status` reply. */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: StatusDetails;

  constructor(
    code: number,
    message: string,
    reason: string = reasonForCode(code),
    details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Status {
    return failureStatus(this.code, this.message, this.reason, this.details);
  }

  static notFound(type: TypeNames, name: string) {
    return new ApiError(
      404,
      `${qualifiedResource(type)} "${name}" not found`,
      'NotFound',
      { name, group: type.group, kind: type.plural },
    );
  }

  static alreadyExists(type: TypeNames, name: string) {
    return new ApiError(
      409,
      `${qualifiedResource(type)} "${name}" already exists`,
      'AlreadyExists',
      { name, group: type.group, kind: type.plural },
    );
  }

  static conflict(type: TypeNames, name: string) {
    return new ApiError(
      409,
      `Operation cannot be fulfilled on ${qualifiedResource(
        type,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      'Conflict',
      { name, group: type.group, kind: type.plural },
    );
  }

  /** 422 Invalid; several causes are listed in brackets, as Kubernetes aggregates them. */
  static invalid(
    type: TypeNames,
    name: string,
    causes: Array<{ field: string; message: string; reason?: string }>,
  ) {
    const group = type.group ? `.${type.group}` : '';
    const listed = causes.map(c => `${c.field}: ${c.message}`).join(', ');
    const summary = causes.length > 1 ? `[${listed}]` : listed;
    return new ApiError(
      422,
      `${type.kind}${group} "${name}" is invalid: ${summary}`,
      'Invalid',
      {
        name,
        group: type.group,
        kind: type.kind,
        causes: causes.map(c => ({
          reason: c.reason ?? 'FieldValueInvalid',
          message: c.message,
          field: c.field,
        })),
      },
    );
  }

  static badRequest(message: string) {
    return new ApiError(400, message, 'BadRequest');
  }

  static expired(message: string) {
    return new ApiError(410, message, 'Expired');
  }
}

/** A failure Status with the given code and message. */
export function failureStatus(
  code: number,
  message: string,
  reason: string = reasonForCode(code),
  details?: StatusDetails,
): Status {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) {
    status.details = details;
  }
  return status;
}

/** The Success Status a DELETE answers with for kinds that do not return the object. */
export function successStatus(
  type: TypeNames,
  name: string,
  uid: string | undefined,
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: type.group, kind: type.plural, uid },
    code: 200,
  };
}
