import { z } from 'zod/v3';
import { KmopKind } from './constants';
import {
  GatewayRoute,
  GatewayRouteInput,
  gatewayRouteSchema,
} from './gatewayRoute';
import {
  Microservice,
  MicroserviceInput,
  microserviceSchema,
} from './microservice';
import {
  ResiliencePolicy,
  ResiliencePolicyInput,
  resiliencePolicySchema,
} from './resiliencePolicy';
import {
  RolloutPolicy,
  RolloutPolicyInput,
  rolloutPolicySchema,
} from './rolloutPolicy';
import {
  ServiceLevelObjective,
  ServiceLevelObjectiveInput,
  serviceLevelObjectiveSchema,
} from './serviceLevelObjective';

/**
 * The full object schema of each KMOP kind.
 *
 * @public
 */
export const kmopResourceSchemas = {
  Microservice: microserviceSchema,
  GatewayRoute: gatewayRouteSchema,
  ServiceLevelObjective: serviceLevelObjectiveSchema,
  RolloutPolicy: rolloutPolicySchema,
  ResiliencePolicy: resiliencePolicySchema,
} as const satisfies Record<KmopKind, z.ZodTypeAny>;

/**
 * Any KMOP resource after validation, with defaults applied.
 *
 * @public
 */
export type KmopResource =
  | Microservice
  | GatewayRoute
  | ServiceLevelObjective
  | RolloutPolicy
  | ResiliencePolicy;

/**
 * Any KMOP resource as written.
 *
 * @public
 */
export type KmopResourceInput =
  | MicroserviceInput
  | GatewayRouteInput
  | ServiceLevelObjectiveInput
  | RolloutPolicyInput
  | ResiliencePolicyInput;

/**
 * The validated resource type of a kind.
 *
 * @public
 */
export type KmopResourceOfKind<K extends KmopKind> = Extract<
  KmopResource,
  { kind: K }
>;
