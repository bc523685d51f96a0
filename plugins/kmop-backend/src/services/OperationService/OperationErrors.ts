import { ConflictError, CustomErrorBase } from '@backstage/errors';
import { KmopRolloutView } from '@kmop/plugin-kmop-common';

/**
 * 409: the object changed since the caller looked, or its state no longer allows the
 * operation. Carries the object's state now, so the caller can look again.
 */
export class OperationConflictError extends ConflictError {
  readonly item?: KmopRolloutView;

  constructor(message: string, item?: KmopRolloutView) {
    super(message);
    this.item = item;
  }
}

/**
 * The cluster refused KMOP's request (403 from the API server): KMOP's credentials lack the
 * RBAC verb. Answered as 403 with its own name, so a client can tell it from a person who
 * may not operate (NotAllowedError).
 */
export class ClusterRefusedError extends CustomErrorBase {
  name = 'ClusterRefusedError' as const;
  readonly statusCode = 403;
}
