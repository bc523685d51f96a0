import {
  KubeConfig,
  Observable,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';

/** A KubeConfig for the simulator, built in code as a test would for any cluster. */
export function kubeConfigFor(url: string, token?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server: url, skipTLSVerify: true }],
    users: [{ name: 'tester', ...(token ? { token } : {}) }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'tester' }],
    currentContext: 'sim',
  });
  return kc;
}

/** Per-request options that abort a client-node call after `ms` milliseconds. */
export function withTimeout(ms: number) {
  return {
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(ctx));
        },
        post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append' as const,
  };
}

/** Resolves once `check` returns true; rejects with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
