import { KubernetesClustersSupplier } from '@backstage/plugin-kubernetes-node';
import { KmopClusterList } from '../config/types';

/**
 * A source of clusters that can also say which of its clusters it cannot
 * offer and why. KMOP's own locators are these; a Backstage
 * `KubernetesClustersSupplier` is accepted wherever a source is.
 *
 * @public
 */
export interface KmopClusterSource {
  getClusterList(): Promise<KmopClusterList>;
}

/**
 * A source, or a cluster supplier written for Backstage's Kubernetes plugin.
 *
 * @public
 */
export type KmopClusterSupplier =
  | KmopClusterSource
  | KubernetesClustersSupplier;

export function isKmopClusterSource(
  supplier: KmopClusterSupplier,
): supplier is KmopClusterSource {
  return typeof (supplier as KmopClusterSource).getClusterList === 'function';
}
