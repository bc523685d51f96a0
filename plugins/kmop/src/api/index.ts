export { kmopApiRef } from './KmopApi';
<<<<<<< HEAD
export type {
  KmopApi,
  KmopOperationRequest,
  KmopOperationResult,
} from './KmopApi';
=======
export type { KmopApi, KmopEntityReadinessResponse } from './KmopApi';
>>>>>>> main
export { KmopClient } from './KmopClient';
export type { KmopClientOptions } from './KmopClient';
