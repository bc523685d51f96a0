import { KubeRequestError } from '../client/KubeRequestError';
import { KmopCacheError } from './types';

/** What the cluster status says about an error; never credentials. */
export function errorDetails(
  error: unknown,
  resource?: string,
): KmopCacheError {
  if (error instanceof KubeRequestError) {
    return {
      kind: error.kind,
      status: error.status,
      message: error.message,
      resource,
    };
  }
  return {
    kind: 'server',
    message: error instanceof Error ? error.message : String(error),
    resource,
  };
}
