export { isRecord } from './isRecord';
export { parseApiVersion } from './apiVersion';
