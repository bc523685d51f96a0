import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { KubernetesRequestAuth } from '@backstage/plugin-kubernetes-common';

/**
 * Providers that sign each request with the signed-in person's own token.
 * A cache shared by everyone has no such person, so these clusters get a
 * message saying what to configure instead.
 *
 * @public
 */
export const CLIENT_SIDE_AUTH_PROVIDERS: Record<string, string> = {
  oidc: 'signs requests with each person\u2019s OIDC token',
  google: 'signs requests with each person\u2019s Google token',
  aks: 'signs requests with each person\u2019s Azure token',
};

/**
 * How long a credential of each provider is used before it is fetched again.
 *
 * @public
 */
export const CREDENTIAL_RENEWAL_MS: Record<string, number> = {
  // EKS accepts a presigned token for 15 minutes.
  aws: 10 * 60_000,
  // Google access tokens live an hour.
  googleServiceAccount: 30 * 60_000,
  // The strategy keeps the token itself and renews it 15 minutes before expiry.
  azure: 5 * 60_000,
  // The kubelet rotates a pod's projected token; read it again now and then.
  serviceAccount: 5 * 60_000,
};

/**
 * Backstage's `serviceAccount` strategy, answering a configured
 * `serviceAccountToken` without loading `@kubernetes/client-node` first (it
 * imports it dynamically on every call, which only matters for the pod's
 * mounted token, its fallback).
 */
class ServiceAccountTokenStrategy implements AuthenticationStrategy {
  private readonly mounted = new ServiceAccountStrategy();

  async getCredential(
    cluster: ClusterDetails,
    _auth: KubernetesRequestAuth,
  ): Promise<KubernetesCredential> {
    const token = cluster.authMetadata.serviceAccountToken;
    return token
      ? { type: 'bearer token', token }
      : this.mounted.getCredential(cluster);
  }

  validateCluster(): Error[] {
    return this.mounted.validateCluster();
  }

  presentAuthMetadata(): Record<string, string> {
    return {};
  }
}

/**
 * Options of {@link createKmopAuthStrategies}.
 *
 * @public
 */
export interface KmopAuthStrategiesOptions {
  config: Config;
  logger: LoggerService;
  /** Extra or replacement strategies, by provider name. */
  strategies?: Record<string, AuthenticationStrategy>;
}

/**
 * The server-side strategies of Backstage's Kubernetes plugin, under the same
 * provider names it uses, plus `none` for clusters without authentication.
 *
 * @public
 */
export function createKmopAuthStrategies(
  options: KmopAuthStrategiesOptions,
): Map<string, AuthenticationStrategy> {
  const anonymous = new AnonymousStrategy();
  return new Map<string, AuthenticationStrategy>([
    ['aws', new AwsIamStrategy({ config: options.config })],
    ['azure', new AzureIdentityStrategy(options.logger)],
    [
      'googleServiceAccount',
      new GoogleServiceAccountStrategy({ config: options.config }),
    ],
    ['serviceAccount', new ServiceAccountTokenStrategy()],
    ['localKubectlProxy', anonymous],
    ['none', anonymous],
    ...Object.entries(options.strategies ?? {}),
  ]);
}
