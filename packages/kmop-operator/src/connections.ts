import { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

function fingerprint(parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(JSON.stringify(part ?? null));
  return hash.digest('hex');
}

/**
 * Makes `kubeConfig`'s API clients reuse their connections. client-node 1.4 builds a new
 * `http(s).Agent` (without keep-alive) for every request, so each request opens a TCP
 * connection — and, on a real cluster, does a TLS handshake; a CPU profile of the operator
 * stage of `yarn bench` showed it among the operator's largest costs. Here the public
 * `applySecurityAuthentication` is wrapped: after client-node has set up a request (headers,
 * its refusals, its agent), the agent it made is swapped for one keep-alive agent per server
 * and TLS options (a rotated client certificate gets a new one). Proxy agents are kept.
 */
export function reuseConnections(kubeConfig: KubeConfig): void {
  const apply = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
  const agents = new Map<string, HttpAgent | HttpsAgent>();
  kubeConfig.applySecurityAuthentication = async context => {
    await apply(context);
    const made = context.getAgent();
    const server = kubeConfig.getCurrentCluster()?.server;
    let key: string;
    let create: () => HttpAgent | HttpsAgent;
    if (made instanceof HttpsAgent && made.constructor === HttpsAgent) {
      const options = made.options;
      key = fingerprint(['https', server, options]);
      create = () => new HttpsAgent({ ...options, keepAlive: true });
    } else if (made instanceof HttpAgent && made.constructor === HttpAgent) {
      // Plain HTTP: client-node allows it only with skipTLSVerify; no TLS material.
      key = fingerprint(['http', server]);
      create = () => new HttpAgent({ keepAlive: true });
    } else {
      return;
    }
    let agent = agents.get(key);
    if (!agent) {
      agent = create();
      agents.set(key, agent);
    }
    made.destroy();
    context.setAgent(agent);
  };
}
