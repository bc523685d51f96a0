import {
  KmopOperationName,
  KmopOperationTool,
  operationToolOf,
  operationsOfTool,
} from './operations';
import { isRecord } from '../util/isRecord';

/**
 * The exact requests each tool's own client sends for an operation, built from the object as
 * read from its cluster. Pure: the backend sends them; tests compare them with what the
 * cluster received. Sources:
 * - Argo Rollouts `pkg/kubectl-argo-rollouts/cmd/{promote,abort,retry,pause,restart}`: JSON
 *   merge patches; `status` through the status subresource first, and on 404 (Rollouts ≤ v0.9,
 *   no status subresource) the same change on the main resource.
 * - kubectl `pkg/polymorphichelpers` (`objectpauser.go`, `objectresumer.go`,
 *   `objectrestarter.go`): strategic merge patches, the two-way diff of the object before
 *   and after the change.
 * - Flagger: merge patches of `spec.suspend` / `spec.skipAnalysis` (it has no client).
 * Unlike the upstream clients, every body carries the `metadata.resourceVersion` the person
 * saw: the API server then answers 409 Conflict when the object changed since.
 */

/** @public */
export const MERGE_PATCH = 'application/merge-patch+json';
/** @public */
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

/**
 * One PATCH to the object, or to its status subresource.
 *
 * @public
 */
export interface KmopOperationRequest {
  method: 'PATCH';
  subresource: 'main' | 'status';
  contentType: typeof MERGE_PATCH | typeof STRATEGIC_MERGE_PATCH;
  body: Record<string, unknown>;
}

/**
 * What an operation sends, in order: `status` first (when set), then `main`. When the status
 * subresource answers 404, `mainWithoutStatusSubresource` is sent instead of `main` (the
 * CLI's "unified" patch), or, when it is absent, the operation cannot be done on that
 * cluster. A request sent after another carries the resourceVersion the first one answered.
 *
 * @public
 */
export interface KmopOperationPlan {
  tool: KmopOperationTool;
  operation: KmopOperationName;
  status?: KmopOperationRequest;
  main?: KmopOperationRequest;
  mainWithoutStatusSubresource?: KmopOperationRequest;
}

/**
 * Options of {@link buildOperationPlan}.
 *
 * @public
 */
export interface BuildOperationPlanOptions {
  /** The object as read from its cluster. */
  object: unknown;
  operation: KmopOperationName;
  /** The resourceVersion the person saw; the server refuses the patch when it is stale. */
  resourceVersion: string;
  /** The time written by restarts (`restartAt`, `restartedAt`). */
  now: Date;
}

/**
 * Why a plan cannot be built: the operation does not apply to this object's kind.
 *
 * @public
 */
export class KmopOperationPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KmopOperationPlanError';
  }
}

type Json = Record<string, unknown>;

function at(obj: unknown, ...keys: string[]): unknown {
  let v = obj;
  for (const k of keys) v = isRecord(v) ? v[k] : undefined;
  return v;
}

/**
 * RFC 3339 in UTC with whole seconds, as Go's `time.RFC3339` writes it.
 *
 * @public
 */
export function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Sets `metadata.resourceVersion` in a patch body (a precondition for the API server).
 *
 * @public
 */
export function withResourceVersion(
  request: KmopOperationRequest,
  resourceVersion: string,
): KmopOperationRequest {
  return {
    ...request,
    body: {
      ...request.body,
      metadata: { ...(at(request.body, 'metadata') as Json), resourceVersion },
    },
  };
}

function patchRequest(
  subresource: KmopOperationRequest['subresource'],
  contentType: KmopOperationRequest['contentType'],
  body: Json,
  resourceVersion: string,
): KmopOperationRequest {
  return withResourceVersion(
    { method: 'PATCH', subresource, contentType, body },
    resourceVersion,
  );
}

/**
 * `GetCurrentCanaryStep`'s index: undefined without canary steps, 0 when the status sets
 * none; then, as `promote` does, one further unless already past the last step.
 */
function nextStepIndex(object: unknown): number | undefined {
  const steps = at(object, 'spec', 'strategy', 'canary', 'steps');
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  const raw = at(object, 'status', 'currentStepIndex');
  const index = typeof raw === 'number' && Number.isInteger(raw) ? raw : 0;
  return index < steps.length ? index + 1 : index;
}

/** `kubectl argo rollouts promote` (getPatches, default case). */
function argoPromote(object: unknown, rv: string): Partial<KmopOperationPlan> {
  const specPaused = at(object, 'spec', 'paused') === true;
  const conditions = at(object, 'status', 'pauseConditions');
  const hasConditions = Array.isArray(conditions) && conditions.length > 0;
  const canary = isRecord(at(object, 'spec', 'strategy', 'canary'));
  const inconclusive =
    canary &&
    at(object, 'status', 'canary', 'currentStepAnalysisRunStatus', 'status') ===
      'Inconclusive';
  const controllerPause = at(object, 'status', 'controllerPause') === true;
  let unified: Json = {
    spec: { paused: false },
    status: { pauseConditions: null },
  };
  let status: Json | undefined;
  if (inconclusive && hasConditions && controllerPause) {
    const next = nextStepIndex(object);
    if (next !== undefined) {
      status = {
        status: {
          pauseConditions: null,
          controllerPause: false,
          currentStepIndex: next,
        },
      };
    }
  } else if (hasConditions) {
    status = { status: { pauseConditions: null } };
  } else if (canary) {
    // Mid-analysis or experiment: clear conditions or move the step, never both.
    const next = nextStepIndex(object);
    if (next !== undefined) {
      status = { status: { pauseConditions: null, currentStepIndex: next } };
      unified = {
        spec: { paused: false },
        status: { pauseConditions: null, currentStepIndex: next },
      };
    }
  }
  return {
    ...(status
      ? { status: patchRequest('status', MERGE_PATCH, status, rv) }
      : {}),
    ...(specPaused
      ? {
          main: patchRequest(
            'main',
            MERGE_PATCH,
            { spec: { paused: false } },
            rv,
          ),
        }
      : {}),
    // The CLI sends the unified patch on 404 only when it had a status patch to send.
    ...(status
      ? {
          mainWithoutStatusSubresource: patchRequest(
            'main',
            MERGE_PATCH,
            unified,
            rv,
          ),
        }
      : {}),
  };
}

/** A status change sent as `abort` and `retry` send it: status first, the same on 404. */
function argoStatus(body: Json, rv: string): Partial<KmopOperationPlan> {
  return {
    status: patchRequest('status', MERGE_PATCH, body, rv),
    mainWithoutStatusSubresource: patchRequest('main', MERGE_PATCH, body, rv),
  };
}

function argoPlan(
  operation: KmopOperationName,
  object: unknown,
  rv: string,
  now: Date,
): Partial<KmopOperationPlan> {
  switch (operation) {
    case 'promote':
      return argoPromote(object, rv);
    case 'promote-full': {
      // The CLI sends it only when the rollout is not fully promoted; with no status
      // subresource it has no fallback (full promotion needs Rollouts v0.10+).
      const podHash = at(object, 'status', 'currentPodHash');
      const stable = at(object, 'status', 'stableRS');
      if (podHash === stable) return {};
      return {
        status: patchRequest(
          'status',
          MERGE_PATCH,
          { status: { promoteFull: true } },
          rv,
        ),
      };
    }
    case 'abort':
      return argoStatus({ status: { abort: true } }, rv);
    case 'retry':
      return argoStatus({ status: { abort: false } }, rv);
    case 'pause':
      return {
        main: patchRequest('main', MERGE_PATCH, { spec: { paused: true } }, rv),
      };
    case 'restart':
      return {
        main: patchRequest(
          'main',
          MERGE_PATCH,
          { spec: { restartAt: rfc3339(now) } },
          rv,
        ),
      };
    default:
      return {};
  }
}

function deploymentPlan(
  operation: KmopOperationName,
  rv: string,
  now: Date,
): Partial<KmopOperationPlan> {
  const main = (body: Json) => ({
    main: patchRequest('main', STRATEGIC_MERGE_PATCH, body, rv),
  });
  switch (operation) {
    case 'pause':
      return main({ spec: { paused: true } });
    case 'resume':
      // The two-way diff of `paused: true` → `false` (omitempty) removes the field.
      return main({ spec: { paused: null } });
    case 'restart':
      return main({
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': rfc3339(now),
              },
            },
          },
        },
      });
    default:
      return {};
  }
}

function flaggerPlan(
  operation: KmopOperationName,
  rv: string,
): Partial<KmopOperationPlan> {
  const main = (body: Json) => ({
    main: patchRequest('main', MERGE_PATCH, body, rv),
  });
  switch (operation) {
    case 'promote':
      return main({ spec: { skipAnalysis: true } });
    case 'suspend':
      return main({ spec: { suspend: true } });
    case 'resume':
      return main({ spec: { suspend: false } });
    default:
      return {};
  }
}

/**
 * The requests an operation sends to the object. Throws {@link KmopOperationPlanError} when
 * the object's kind has no such operation. A plan with neither `status` nor `main` means the
 * tool's client would send nothing (e.g. `promote-full` of a fully promoted rollout).
 *
 * @public
 */
export function buildOperationPlan(
  options: BuildOperationPlanOptions,
): KmopOperationPlan {
  const { object, operation, resourceVersion: rv, now } = options;
  const apiVersion = at(object, 'apiVersion');
  const kind = at(object, 'kind');
  const tool =
    typeof apiVersion === 'string' && typeof kind === 'string'
      ? operationToolOf({ apiVersion, kind })
      : undefined;
  if (!tool) {
    throw new KmopOperationPlanError(
      `KMOP does not operate ${String(apiVersion)} ${String(kind)} objects`,
    );
  }
  if (!operationsOfTool(tool).includes(operation)) {
    throw new KmopOperationPlanError(
      `${kind} has no operation ${operation}; it has ${operationsOfTool(
        tool,
      ).join(', ')}`,
    );
  }
  let parts: Partial<KmopOperationPlan>;
  if (tool === 'argo-rollouts') {
    parts = argoPlan(operation, object, rv, now);
  } else if (tool === 'deployment') {
    parts = deploymentPlan(operation, rv, now);
  } else {
    parts = flaggerPlan(operation, rv);
  }
  return { tool, operation, ...parts };
}
