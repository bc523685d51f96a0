import { KMOP_EXAMPLE_MANIFESTS } from '@kmop/plugin-kmop-common/testUtils';
import {
  KMOP_KIND_NAMES,
  NativeTarget,
  compileToNative,
  validateKmopResource,
  KmopResource,
} from '@kmop/plugin-kmop-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { asChild, render } from './render';
import { KubeObject } from './types';

const TARGET_SETS: NativeTarget[][] = [
  ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
  ['envoy-gateway', 'argo-rollouts', 'sloth', 'pyrra'],
];

function withUid(objects: readonly object[]): KubeObject[] {
  return objects.map((o, i) => {
    const k = structuredClone(o) as KubeObject;
    k.metadata.uid = `uid-${i}`;
    k.metadata.generation = 1;
    return k;
  });
}

/** What the operator applies for a set of resources, each object rendered on its own. */
function operatorChildren(resources: KubeObject[], targets: NativeTarget[]) {
  return resources.flatMap(owner => {
    const result = render({ owner, namespaceObjects: resources, targets });
    if (!result.ok) throw new Error(`${owner.kind}: ${result.message}`);
    return result.children.map(c => asChild(c, owner));
  });
}

/** Drops what the operator adds: owner references and its managed-by label. */
function comparable(o: { metadata: Record<string, any> }) {
  const { ownerReferences: _o, labels, ...meta } = o.metadata;
  const { 'app.kubernetes.io/managed-by': _m, ...rest } = labels ?? {};
  return { ...o, metadata: { ...meta, labels: rest } };
}

describe('render', () => {
  const examples = withUid(
    KMOP_KIND_NAMES.map(k => parse(KMOP_EXAMPLE_MANIFESTS[k])),
  );

  it.each(TARGET_SETS.map(t => [t.join(',')]))(
    'gives the native flavour objects for every kmop-common example (%s)',
    targets => {
      const t = targets.split(',') as NativeTarget[];
      const native = compileToNative(
        examples.map(
          e => (validateKmopResource(e) as { resource: KmopResource }).resource,
        ),
        { targets: t },
      );
      const children = operatorChildren(examples, t);
      expect(children.map(comparable)).toEqual(
        expect.arrayContaining(native.objects.map(comparable)),
      );
      expect(children).toHaveLength(native.objects.length);
    },
  );

  it('gives the native flavour objects for the demo service payments', () => {
    const file = resolve(__dirname, '../../../examples/cluster/payments.yaml');
    const resources = withUid(
      parseAllDocuments(readFileSync(file, 'utf8'))
        .map(d => d.toJS())
        .filter(o => o?.apiVersion === 'kmop.dev/v1alpha1')
        .map(({ status: _s, ...o }) => o),
    );
    const t: NativeTarget[] = [
      'gateway-api',
      'argo-rollouts',
      'sloth',
      'istio',
    ];
    const native = compileToNative(
      resources.map(
        e => (validateKmopResource(e) as { resource: KmopResource }).resource,
      ),
      { targets: t },
    );
    const children = operatorChildren(resources, t);
    expect(children.map(comparable)).toEqual(
      expect.arrayContaining(native.objects.map(comparable)),
    );
    expect(children).toHaveLength(native.objects.length);
  });

  it('marks every child with a controller reference and the managed-by label', () => {
    const [ms] = examples;
    const result = render({
      owner: ms,
      namespaceObjects: examples,
      targets: TARGET_SETS[0],
    });
    expect(result.ok).toBe(true);
    const child = asChild((result as { children: any[] }).children[0], ms);
    expect(child.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Microservice',
        uid: 'uid-0',
        controller: true,
      }),
    ]);
    expect(child.metadata.labels!['app.kubernetes.io/managed-by']).toBe(
      'kmop-operator',
    );
  });

  it('names the field of an invalid spec', () => {
    const [ms] = withUid([
      { ...examples[0], spec: { ...examples[0].spec, image: '' } },
    ]);
    const result = render({
      owner: ms,
      namespaceObjects: [ms],
      targets: TARGET_SETS[0],
    });
    expect(result).toMatchObject({ ok: false, field: 'spec.image' });
  });

  it('calls an SLO gate naming a missing SLO invalid', () => {
    const policy = examples.find(e => e.kind === 'RolloutPolicy')!;
    const result = render({
      owner: policy,
      namespaceObjects: examples.filter(
        e => e.kind !== 'ServiceLevelObjective',
      ),
      targets: TARGET_SETS[0],
    });
    expect(result).toMatchObject({ ok: false, field: 'spec.sloGate.sloRef' });
  });

  it('takes the targets of the kmop.dev/targets annotation', () => {
    const slo = structuredClone(
      examples.find(e => e.kind === 'ServiceLevelObjective')!,
    );
    delete slo.spec!.target;
    slo.metadata.annotations = { 'kmop.dev/targets': 'pyrra' };
    const result = render({
      owner: slo,
      namespaceObjects: [slo],
      targets: TARGET_SETS[0],
    });
    expect(result).toMatchObject({
      ok: true,
      children: [{ apiVersion: 'pyrra.dev/v1alpha1' }],
    });
    slo.metadata.annotations = { 'kmop.dev/targets': 'nope' };
    expect(
      render({ owner: slo, namespaceObjects: [slo], targets: TARGET_SETS[0] }),
    ).toMatchObject({
      ok: false,
      field: 'metadata.annotations[kmop.dev/targets]',
    });
  });
});
