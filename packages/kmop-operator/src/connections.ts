import { KubeConfig } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

type AgentFactory = (
  cluster: {
    server: string;
    proxyUrl?: string;
    skipTLSVerify?: boolean;
  } | null,
  agentOptions: Record<string, unknown>,
) => unknown;

function fingerprint(server: string, options: Record<string, unknown>) {
  return createHash('sha256')
    .update(server)
    .update(JSON.stringify(options))
    .digest('hex');
}

/**
 * Makes `kubeConfig`'s API clients reuse their connections. client-node 1.4 builds a new
 * `http(s).Agent` (without keep-alive) for every request, so each request opens a TCP
 * connection — and, on a real cluster, does a TLS handshake; a CPU profile of the operator
 * stage of `yarn bench` showed it among the operator's largest costs. Here one keep-alive
 * agent serves every request with the same server and TLS options (a rotated client
 * certificate gets a new one); proxies keep client-node's own agents. It replaces
 * client-node's `createAgent`, which is private: pinned to 1.4.0, whose code this follows.
 */
export function reuseConnections(kubeConfig: KubeConfig): void {
  const target = kubeConfig as unknown as { createAgent: AgentFactory };
  const original = target.createAgent.bind(kubeConfig);
  const agents = new Map<string, HttpAgent | HttpsAgent>();
  target.createAgent = (cluster, agentOptions) => {
    if (!cluster || cluster.proxyUrl || !cluster.server.startsWith('http')) {
      return original(cluster, agentOptions);
    }
    const plain = cluster.server.startsWith('http:');
    if (plain && !cluster.skipTLSVerify) {
      // client-node's own refusal, word for word.
      throw new Error(
        'HTTP protocol is not allowed when skipTLSVerify is not set or false',
      );
    }
    const key = fingerprint(cluster.server, agentOptions);
    let agent = agents.get(key);
    if (!agent) {
      const options = { ...agentOptions, keepAlive: true };
      agent = plain ? new HttpAgent(options) : new HttpsAgent(options);
      agents.set(key, agent);
    }
    return agent;
  };
}
