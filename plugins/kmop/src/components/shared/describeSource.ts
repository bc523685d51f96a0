import type { KmopSource } from '@kmop/plugin-kmop-common';

/** `demo · argoproj.io/v1alpha1 Rollout · shop/checkout` */
export function describeSource(source: KmopSource): string {
  const name = source.namespace
    ? `${source.namespace}/${source.name}`
    : source.name;
  return `${source.cluster} · ${source.apiVersion} ${source.kind} · ${name}`;
}
