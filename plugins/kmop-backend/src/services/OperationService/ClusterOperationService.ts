import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';
import {
  KmopOperationRequest,
  KmopRolloutView,
  KmopSource,
  buildOperationPlan,
  findRenderedRollout,
  findSupportedKind,
  normalizeObject,
  offeredOperations,
  operationToolOf,
  operationsOfTool,
  parseApiVersion,
  withResourceVersion,
} from '@kmop/plugin-kmop-common';
import { KubeRequestError, resourcePath } from '@kmop/plugin-kmop-node';
import { RolloutOperateAuthorizer } from '../../permissions';
import { EntityViewService } from '../EntityViewService/EntityViewService';
import { ClusterClients } from '../ClusterClients';
import { ClusterRefusedError, OperationConflictError } from './OperationErrors';
import {
  OperationService,
  RolloutOperationInput,
  RolloutOperationResult,
} from './OperationService';

/** Options of {@link ClusterOperationService.create}. */
export interface ClusterOperationServiceOptions {
  /** The entity views as each caller may see them (no SLO figures needed). */
  entityViews: EntityViewService;
  authorizer: RolloutOperateAuthorizer;
  clients: ClusterClients;
  auditor: AuditorService;
  /** The clock restarts write; the real one by default. */
  now?: () => Date;
}

/** Who asked, for the audit event: never a token. */
function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user') return p.userEntityRef ?? 'user';
  if (p.type === 'service') return `service:${p.subject ?? ''}`;
  return p.type ?? 'unknown';
}

function objectName(source: KmopSource): string {
  return `${source.apiVersion} ${source.kind} ${
    source.namespace ? `${source.namespace}/` : ''
  }${source.name}`;
}

/** The audit result word for an error. */
function resultOf(error: unknown): string {
  if (!isError(error)) return 'failed';
  switch (error.name) {
    case 'NotAllowedError':
      return 'denied';
    case 'ConflictError':
      return 'conflict';
    case 'ClusterRefusedError':
      return 'refused-by-cluster';
    case 'NotFoundError':
      return 'not-found';
    case 'InputError':
      return 'invalid';
    default:
      return 'failed';
  }
}

/**
 * Runs an operation against the cluster object behind a rollout item of an entity's view:
 * only items the caller may see, only with `kmop.rollout.operate`, only when the tool's own
 * rules offer it on the object as it is now, with the caller's resourceVersion as a
 * precondition, and with an auditor event for every attempt.
 */
export class ClusterOperationService implements OperationService {
  private readonly options: ClusterOperationServiceOptions;

  static create(
    options: ClusterOperationServiceOptions,
  ): ClusterOperationService {
    return new ClusterOperationService(options);
  }

  private constructor(options: ClusterOperationServiceOptions) {
    this.options = options;
  }

  async operate(input: RolloutOperationInput): Promise<RolloutOperationResult> {
    const entityRef = stringifyEntityRef(input.entityRef);
    const meta = {
      actor: actorOf(input.credentials),
      entity: entityRef,
      item: input.item,
      operation: input.operation,
      via: input.via,
    };
    const event = await this.options.auditor.createEvent({
      eventId: 'rollout-operate',
      severityLevel: 'medium',
      ...(input.request ? { request: input.request } : {}),
      meta,
    });
    const where: { cluster?: string; object?: string } = {};
    try {
      const result = await this.run(input, entityRef, where);
      await event.success({
        meta: {
          ...where,
          result: 'succeeded',
          requests: result.requests.map(
            r => `PATCH ${r.subresource} ${JSON.stringify(r.body)}`,
          ),
        },
      });
      return result;
    } catch (error) {
      await this.fail(event, error, where);
      throw error;
    }
  }

  private async fail(
    event: AuditorServiceEvent,
    error: unknown,
    where: { cluster?: string; object?: string },
  ) {
    await event.fail({
      error: isError(error) ? error : new Error(String(error)),
      meta: { ...where, result: resultOf(error) },
    });
  }

  private async run(
    input: RolloutOperationInput,
    entityRef: string,
    where: { cluster?: string; object?: string },
  ): Promise<RolloutOperationResult> {
    const { authorizer, entityViews } = this.options;
    // Off before anything else, so a disabled install reads nothing.
    authorizer.assertEnabled();
    // The view as the caller sees it: an entity they may not see is a 404, not a 403.
    const view = await entityViews.getView(input.entityRef, input.credentials);
    const item = view.rollouts.find(r => r.id === input.item);
    if (!item) {
      throw new NotFoundError(
        `Item ${input.item} is not a rollout in the KMOP view of ${entityRef}`,
      );
    }
    await authorizer.authorize(entityRef, input.credentials);
    const rendered =
      item.source.kind === 'RolloutPolicy'
        ? findRenderedRollout(item, view.rollouts)
        : item;
    if (!rendered) {
      throw new OperationConflictError(
        offeredOperations(item, { rollouts: view.rollouts })[0]?.reason ??
          `No Rollout or Canary rendered from ${objectName(
            item.source,
          )} is in this view`,
      );
    }
    const target = rendered.source;
    where.cluster = target.cluster;
    where.object = objectName(target);
    const tool = operationToolOf(target);
    if (!tool || !operationsOfTool(tool).includes(input.operation)) {
      throw new InputError(
        `${target.kind} has no operation ${input.operation}${
          tool ? `; it has ${operationsOfTool(tool).join(', ')}` : ''
        }`,
      );
    }
    const path = this.pathOf(target);
    const client = await this.options.clients.get(target.cluster);
    const object = await this.read(target, path);
    const fresh = this.normalize(object, target);
    const current = fresh.resourceVersion;
    if (current !== input.resourceVersion) {
      throw new OperationConflictError(
        `${objectName(
          target,
        )} changed since you looked (you saw resourceVersion ${
          input.resourceVersion
        }, it is now ${current}): look again before you ${input.operation}`,
        fresh,
      );
    }
    const offered = offeredOperations(fresh).find(
      o => o.operation === input.operation,
    );
    if (!offered?.offered) {
      throw new OperationConflictError(
        `${input.operation} is not offered on ${objectName(target)}: ${
          offered?.reason ?? 'unknown operation'
        }`,
        fresh,
      );
    }
    const plan = buildOperationPlan({
      object,
      operation: input.operation,
      resourceVersion: input.resourceVersion,
      now: (this.options.now ?? (() => new Date()))(),
    });
    const sent: KmopOperationRequest[] = [];
    const send = async (request: KmopOperationRequest) => {
      sent.push(request);
      const answer = await client.request<Record<string, unknown>>({
        method: 'PATCH',
        path: request.subresource === 'status' ? `${path}/status` : path,
        contentType: request.contentType,
        body: request.body,
      });
      const rv = (answer?.metadata as { resourceVersion?: unknown } | undefined)
        ?.resourceVersion;
      return typeof rv === 'string' ? rv : undefined;
    };
    try {
      let rv = input.resourceVersion;
      let main = plan.main;
      if (plan.status) {
        try {
          rv = (await send(plan.status)) ?? rv;
        } catch (error) {
          // Rollouts ≤ v0.9 serve no status subresource: the CLI then patches the object.
          if (
            !(error instanceof KubeRequestError && error.kind === 'notFound')
          ) {
            throw error;
          }
          if (!plan.mainWithoutStatusSubresource) {
            throw new ServiceUnavailableError(
              `Cluster ${target.cluster} serves no status subresource for ${target.kind}: ${input.operation} needs Argo Rollouts v0.10 or later`,
            );
          }
          main = plan.mainWithoutStatusSubresource;
        }
      }
      // A second request carries the version the first one produced.
      if (main) await send(withResourceVersion(main, rv));
      if (sent.length === 0) {
        throw new OperationConflictError(
          `${input.operation} has nothing to change on ${objectName(target)}`,
          fresh,
        );
      }
    } catch (error) {
      throw await this.clusterError(error, target, path, sent, input);
    }
    const after = this.normalize(await this.read(target, path), target);
    return {
      entityRef,
      operation: input.operation,
      target,
      item: after,
      effect: offered.effect,
      ...(offered.warning ? { warning: offered.warning } : {}),
      requests: sent.map(r => ({
        subresource: r.subresource,
        contentType: r.contentType,
        body: r.body,
      })),
    };
  }

  private pathOf(target: KmopSource): string {
    const kind = findSupportedKind(target.apiVersion, target.kind);
    if (!kind) {
      throw new InputError(
        `KMOP does not operate ${target.apiVersion} ${target.kind} objects`,
      );
    }
    return resourcePath({
      group: kind.group,
      version: parseApiVersion(target.apiVersion).version,
      plural: kind.plural,
      namespace: target.namespace,
      name: target.name,
    });
  }

  private async read(
    target: KmopSource,
    path: string,
  ): Promise<Record<string, unknown>> {
    const client = await this.options.clients.get(target.cluster);
    try {
      return await client.request<Record<string, unknown>>({ path });
    } catch (error) {
      if (error instanceof KubeRequestError && error.kind === 'notFound') {
        throw new NotFoundError(
          `${objectName(target)} no longer exists in cluster ${target.cluster}`,
        );
      }
      if (error instanceof KubeRequestError && error.kind === 'forbidden') {
        throw new ClusterRefusedError(
          `Cluster ${target.cluster} refused to let KMOP get ${objectName(
            target,
          )} (403): grant KMOP's credentials get on it`,
        );
      }
      throw new ServiceUnavailableError(
        `Could not read ${objectName(target)} from cluster ${target.cluster}: ${
          (error as Error).message
        }`,
      );
    }
  }

  private normalize(
    object: Record<string, unknown>,
    target: KmopSource,
  ): KmopRolloutView {
    const [item] = normalizeObject(object, {
      cluster: target.cluster,
    }).rollouts;
    if (!item) {
      throw new ServiceUnavailableError(
        `${objectName(target)} could not be read as a rollout`,
      );
    }
    return item;
  }

  /** The error a failed write answers: what the cluster said, in KMOP's words. */
  private async clusterError(
    error: unknown,
    target: KmopSource,
    path: string,
    sent: KmopOperationRequest[],
    input: RolloutOperationInput,
  ): Promise<unknown> {
    if (!(error instanceof KubeRequestError)) return error;
    const last = sent[sent.length - 1];
    const kind = findSupportedKind(target.apiVersion, target.kind);
    const resource = `${kind?.group ? `${kind.group} ` : ''}${kind?.plural}${
      last?.subresource === 'status' ? '/status' : ''
    }`;
    if (error.kind === 'forbidden') {
      return new ClusterRefusedError(
        `Cluster ${
          target.cluster
        } refused: KMOP may not patch ${resource} in namespace ${
          target.namespace ?? '(cluster)'
        } (403 Forbidden). Grant KMOP's credentials the verb patch on ${resource}; see docs/operations-rbac.md`,
      );
    }
    if (error.kind === 'conflict') {
      const now = await this.read(target, path).then(
        o => this.normalize(o, target),
        () => undefined,
      );
      return new OperationConflictError(
        `${objectName(target)} changed since you looked (resourceVersion ${
          input.resourceVersion
        } is stale): look again before you ${input.operation}`,
        now,
      );
    }
    if (error.kind === 'notFound') {
      return new NotFoundError(
        `${objectName(target)} no longer exists in cluster ${target.cluster}`,
      );
    }
    return new ServiceUnavailableError(
      `Cluster ${target.cluster} did not accept ${
        input.operation
      } on ${objectName(target)}: ${error.message}`,
    );
  }
}
