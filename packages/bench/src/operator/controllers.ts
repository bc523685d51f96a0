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
  const ref = (o: any) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
  });
  for (const d of sim.store.list('apps/v1', 'Deployment') as any[]) {
    if (d.status?.readyReplicas !== undefined) continue;
    const replicas = d.spec?.replicas ?? 1;
    sim.store.updateStatus(ref(d), {
      observedGeneration: d.metadata.generation,
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    });
    written += 1;
  }
  for (const r of sim.store.list(
    'gateway.networking.k8s.io/v1',
    'HTTPRoute',
  ) as any[]) {
    if (r.status?.parents) continue;
    const now = new Date().toISOString();
    sim.store.updateStatus(ref(r), {
      parents: (r.spec?.parentRefs ?? []).map((parentRef: unknown) => ({
        parentRef,
        controllerName: 'bench.example/gateway',
        conditions: ['Accepted', 'ResolvedRefs'].map(type => ({
          type,
          status: 'True',
          reason: type,
          lastTransitionTime: now,
          observedGeneration: r.metadata.generation,
        })),
      })),
    });
    written += 1;
  }
  for (const r of sim.store.list('argoproj.io/v1alpha1', 'Rollout') as any[]) {
    if (r.status?.phase) continue;
    sim.store.updateStatus(ref(r), {
      phase: 'Healthy',
      observedGeneration: String(r.metadata.generation),
      stableRS: 'bench1',
      currentPodHash: 'bench1',
    });
    written += 1;
  }
  return written;
}
