export { kmopApiRef } from './KmopApi';
export type { KmopApi, KmopEntityReadinessResponse } from './KmopApi';
export { KmopClient } from './KmopClient';
export type { KmopClientOptions } from './KmopClient';
