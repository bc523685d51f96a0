export type { KmopClusterService } from './KmopClusterService';
export {
  DefaultKmopClusterService,
  type DefaultKmopClusterServiceOptions,
} from './DefaultKmopClusterService';
export type {
  KmopClusterSource,
  KmopClusterSupplier,
} from './KmopClusterSource';
export { ConfigClusterSource } from './ConfigClusterSource';
export {
  CatalogClusterSource,
  type CatalogClusterSourceOptions,
} from './CatalogClusterSource';
export {
  GkeClusterSource,
  type GkeClusterSourceOptions,
} from './GkeClusterSource';
export { LocalKubectlProxyClusterSource } from './LocalKubectlProxyClusterSource';
export { kmopClustersServiceRef } from './kmopClustersServiceRef';
export {
  kmopClusterSupplierExtensionPoint,
  type KmopClusterSupplierExtensionPoint,
} from './kmopClusterSupplierExtensionPoint';
