import { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import * as container from '@google-cloud/container';
import { KmopClusterList } from '../config/types';
import { KmopClusterSource } from './KmopClusterSource';

type GkeClient = Pick<container.v1.ClusterManagerClient, 'listClusters'>;

/**
 * Options of {@link GkeClusterSource.fromConfig}.
 *
 * @public
 */
export interface GkeClusterSourceOptions {
  /** The GKE API client; Google's `ClusterManagerClient` by default. */
  client?: GkeClient;
  /** How long a listing is reused; default 5 minutes. */
  cacheMs?: number;
  now?: () => number;
}

/**
 * `type: gke`: the clusters of a Google Cloud project (and region), listed with
 * Google's own client and filtered by `matchingResourceLabels`, with the keys
 * Backstage's GKE locator reads. Unlike it, each cluster's CA is passed on.
 *
 * @public
 */
export class GkeClusterSource implements KmopClusterSource {
  private readonly projectId: string;
  private readonly region: string;
  private readonly authProvider: string;
  private readonly skipTLSVerify: boolean;
  private readonly labels: { key: string; value: string }[];
  private readonly endpointType: 'public' | 'dns';
  private readonly client: GkeClient;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private last?: { at: number; list: KmopClusterList };

  static fromConfig(
    locator: Config,
    options: GkeClusterSourceOptions = {},
  ): GkeClusterSource {
    return new GkeClusterSource(locator, options);
  }

  private constructor(locator: Config, options: GkeClusterSourceOptions) {
    this.projectId = locator.getString('projectId');
    this.region = locator.getOptionalString('region') ?? '-';
    this.authProvider =
      locator.getOptionalString('authProvider') === 'googleServiceAccount'
        ? 'googleServiceAccount'
        : 'google';
    this.skipTLSVerify = locator.getOptionalBoolean('skipTLSVerify') ?? false;
    this.labels = (
      locator.getOptionalConfigArray('matchingResourceLabels') ?? []
    ).map(l => ({ key: l.getString('key'), value: l.getString('value') }));
    const endpointType = locator.getOptionalString('endpointType') ?? 'public';
    if (endpointType !== 'public' && endpointType !== 'dns') {
      throw new Error(
        `Invalid endpointType '${endpointType}', must be one of: public, dns`,
      );
    }
    this.endpointType = endpointType;
    this.client = options.client ?? new container.v1.ClusterManagerClient();
    this.cacheMs = options.cacheMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async getClusterList(): Promise<KmopClusterList> {
    if (this.last && this.now() - this.last.at < this.cacheMs) {
      return this.last.list;
    }
    const [response] = await this.client.listClusters({
      parent: `projects/${this.projectId}/locations/${this.region}`,
    });
    const list: KmopClusterList = { clusters: [], problems: [] };
    for (const c of response.clusters ?? []) {
      if (!this.labels.every(l => c.resourceLabels?.[l.key] === l.value)) {
        continue;
      }
      const dnsEndpoint =
        c.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
      const host =
        this.endpointType === 'dns' && dnsEndpoint ? dnsEndpoint : c.endpoint;
      if (!c.name || !host) {
        list.problems.push({
          name: c.name ?? 'unknown',
          message: `GKE reports cluster '${
            c.name ?? 'unknown'
          }' without an endpoint`,
        });
        continue;
      }
      list.clusters.push({
        name: c.name,
        url: `https://${host}`,
        authMetadata: {
          [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: this.authProvider,
        },
        skipTLSVerify: this.skipTLSVerify,
        caData: c.masterAuth?.clusterCaCertificate || undefined,
      });
    }
    this.last = { at: this.now(), list };
    return list;
  }
}
