import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { lookup } from 'node:dns/promises';
import { KmopClusterList } from '../config/types';
import { KmopClusterSource } from './KmopClusterSource';

/**
 * `type: localKubectlProxy`: the cluster `kubectl proxy` serves on port 8001,
 * named `local`, as Backstage's locator offers it.
 *
 * @public
 */
export class LocalKubectlProxyClusterSource implements KmopClusterSource {
  async getClusterList(): Promise<KmopClusterList> {
    // kubectl proxy listens on 127.0.0.1, not ::1: prefer IPv4 like Backstage.
    const { address } = await lookup('localhost', { verbatim: false });
    const host = address.includes(':') ? `[${address}]` : address;
    return {
      clusters: [
        {
          name: 'local',
          url: `http://${host}:8001`,
          authMetadata: {
            [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'localKubectlProxy',
          },
          skipMetricsLookup: true,
        },
      ],
      problems: [],
    };
  }
}
