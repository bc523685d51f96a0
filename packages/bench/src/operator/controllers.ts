import { KubeSim } from '@kmop/kube-sim';

/**
 * What the cluster's own controllers would report for the operator's children, which
 * kube-sim does not run: a Deployment's ready replicas (kube-controller-manager), an
 * HTTPRoute's acceptance by its Gateway (the Gateway controller) and a Rollout's phase
 * (Argo Rollouts). Without them no Microservice, GatewayRoute or RolloutPolicy could be
 * Ready. Each pass writes the status of children that have none yet.
 */
export function reportChildStatuses(sim: KubeSim): number {
  let written = 0;
  for (const [apiVersion, kind] of [
    ['apps/v1', 'Deployment'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
    ['argoproj.io/v1alpha1', 'Rollout'],
  ]) {
    for (const o of sim.store.list(apiVersion, kind) as any[]) {
      const status = childStatus({ ...o, apiVersion, kind });
      if (status === undefined) continue;
      sim.store.updateStatus(
        {
          apiVersion,
          kind,
          namespace: o.metadata.namespace,
          name: o.metadata.name,
        },
        status,
      );
      written += 1;
    }
  }
  return written;
}

/** Status a simulated controller writes for a child that has none, or undefined. */
function childStatus(o: any): unknown {
  switch (o.kind) {
    case 'Deployment': {
      if (o.status?.readyReplicas !== undefined) return undefined;
      const replicas = o.spec?.replicas ?? 1;
      return {
        observedGeneration: o.metadata.generation,
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
      };
    }
    case 'HTTPRoute': {
      if (o.status?.parents) return undefined;
      const now = new Date().toISOString();
      return {
        parents: (o.spec?.parentRefs ?? []).map((parentRef: unknown) => ({
          parentRef,
          controllerName: 'bench.example/gateway',
          conditions: ['Accepted', 'ResolvedRefs'].map(type => ({
            type,
            status: 'True',
            reason: type,
            lastTransitionTime: now,
            observedGeneration: o.metadata.generation,
          })),
        })),
      };
    }
    case 'Rollout':
      if (o.status?.phase) return undefined;
      return {
        phase: 'Healthy',
        observedGeneration: String(o.metadata.generation),
        stableRS: 'bench1',
        currentPodHash: 'bench1',
      };
    default:
      return undefined;
  }
}

/**
 * Streams the watch events of a collection of kube-sim (`path`, e.g. `/apis/apps/v1/deployments`)
 * until `signal` aborts, resuming from the last resourceVersion when the server ends a watch.
 * The bench's own controllers and its readiness count read changes this way rather than by
 * listing every object again and again, which would take the simulator's one thread from the
 * operator it serves.
 */
export async function watchCollection(
  url: string,
  path: string,
  signal: AbortSignal,
  onEvent: (type: string, obj: any) => void,
): Promise<void> {
  let resourceVersion = '';
  while (!signal.aborted) {
    try {
      const res = await fetch(
        `${url}${path}?watch=1${
          resourceVersion ? `&resourceVersion=${resourceVersion}` : ''
        }`,
        { signal },
      );
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = res.body?.getReader();
      if (!reader) throw new Error(`no body in the watch of ${path}`);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i = buffer.indexOf('\n');
        while (i >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 1);
          i = buffer.indexOf('\n');
          if (!line.trim()) continue;
          const event = JSON.parse(line);
          const rv = event.object?.metadata?.resourceVersion;
          if (rv) resourceVersion = rv;
          if (event.type !== 'BOOKMARK' && event.type !== 'ERROR') {
            onEvent(event.type, event.object);
          }
        }
      }
    } catch {
      if (signal.aborted) return;
      // A broken stream is resumed, as an informer does.
      await new Promise(r => setTimeout(r, 200));
    }
  }
}

/**
 * The cluster controllers {@link reportChildStatuses} stands in for, driven by watch events:
 * each Deployment, HTTPRoute and Rollout gets its status once, as it appears.
 */
export function runChildControllers(sim: KubeSim, signal: AbortSignal): void {
  for (const path of [
    '/apis/apps/v1/deployments',
    '/apis/gateway.networking.k8s.io/v1/httproutes',
    '/apis/argoproj.io/v1alpha1/rollouts',
  ]) {
    void watchCollection(sim.url, path, signal, (type, o) => {
      if (type === 'DELETED') return;
      const status = childStatus(o);
      if (status === undefined) return;
      sim.store.updateStatus(
        {
          apiVersion: o.apiVersion,
          kind: o.kind,
          namespace: o.metadata.namespace,
          name: o.metadata.name,
        },
        status,
      );
    });
  }
}
