import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  KmopOperationName,
  KmopRolloutView,
  KmopSource,
} from '@kmop/plugin-kmop-common';
import type { Request } from 'express';

/** One operation a caller asks for. */
export interface RolloutOperationInput {
  entityRef: CompoundEntityRef;
  /** Id of a rollout item of the entity's view. */
  item: string;
  operation: KmopOperationName;
  /** The `resourceVersion` of the target the caller saw; a stale one is a conflict. */
  resourceVersion: string;
  credentials: BackstageCredentials;
  /** The HTTP request, for the audit event; absent when an action calls. */
  request?: Request;
  /** How the caller came: the REST route or the actions registry. */
  via: 'http' | 'action';
}

/** What an operation did. */
export interface RolloutOperationResult {
  entityRef: string;
  operation: KmopOperationName;
  /** The object the requests went to (a RolloutPolicy's rendered Rollout or Canary). */
  target: KmopSource;
  /** The target as read back from its cluster after the operation. */
  item: KmopRolloutView;
  /** What the operation does, in words. */
  effect: string;
  /** Set when it changed `spec` of an object a GitOps tool manages. */
  warning?: string;
  /** The requests sent, in order. */
  requests: Array<{
    subresource: 'main' | 'status';
    contentType: string;
    body: Record<string, unknown>;
  }>;
}

/** Runs rollout operations for callers, with their permission and an audit event each. */
export interface OperationService {
  operate(input: RolloutOperationInput): Promise<RolloutOperationResult>;
}
