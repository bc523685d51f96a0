export { kmopApiRef } from './KmopApi';
export type {
  KmopApi,
  KmopEntityReadinessResponse,
  KmopOperationRequest,
  KmopOperationResult,
} from './KmopApi';
export { KmopClient } from './KmopClient';
export type { KmopClientOptions } from './KmopClient';
