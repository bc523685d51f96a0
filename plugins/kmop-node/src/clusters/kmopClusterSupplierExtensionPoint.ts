import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import { KmopClusterSupplier } from './KmopClusterSource';

/**
 * What a module of the KMOP backend plugin can add: cluster suppliers (a
 * Backstage `KubernetesClustersSupplier` works as is) and auth strategies.
 *
 * @public
 */
export interface KmopClusterSupplierExtensionPoint {
  addClusterSupplier(supplier: KmopClusterSupplier): void;
  addAuthStrategy(provider: string, strategy: AuthenticationStrategy): void;
}

/**
 * Extension point of the KMOP backend plugin for adopters with their own
 * cluster supplier or auth provider.
 *
 * @public
 */
export const kmopClusterSupplierExtensionPoint =
  createExtensionPoint<KmopClusterSupplierExtensionPoint>({
    id: 'kmop.cluster-supplier',
  });
