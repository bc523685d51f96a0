export { kmopApiRef } from './KmopApi';
export type {
  KmopApi,
  KmopOperationRequest,
  KmopOperationResult,
} from './KmopApi';
export { KmopClient } from './KmopClient';
export type { KmopClientOptions } from './KmopClient';
