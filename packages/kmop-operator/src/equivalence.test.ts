import { KMOP_EXAMPLE_MANIFESTS } from '@kmop/plugin-kmop-common/testUtils';
import {
  KMOP_KIND_NAMES,
  KmopResource,
  NativeTarget,
  compileToNative,
  validateKmopResource,
} from '@kmop/plugin-kmop-common';
import { KubeSim } from '@kmop/kube-sim';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  Obj,
  OperatorHarness,
  condition,
  startSim,
  waitUntil,
} from './__testUtils__/harness';
import { CHILD_RESOURCES, KMOP_RESOURCES } from './resources';

// The real operator process: one per case.
jest.setTimeout(240_000);

/** Every object of the kinds the compilers emit, as the cluster stores them. */
function nativeObjects(sim: KubeSim): Obj[] {
  return CHILD_RESOURCES.flatMap(r => {
    let list: Obj[];
    try {
      list = sim.store.list(r.apiVersion, r.kind) as Obj[];
    } catch (e) {
      // A kind whose CRD the test cluster does not serve (Flagger's) holds nothing.
      if (/no resource for apiVersion/.test((e as Error).message)) return [];
      throw e;
    }
    return list.map(o => ({ ...o, apiVersion: r.apiVersion, kind: r.kind }));
  });
}

/**
 * What the cluster stores of an object, less what differs by who wrote it: the server's
 * bookkeeping, the writer's field manager, and what the operator adds (its owner reference
 * and managed-by label).
 */
function comparable(o: Obj) {
  const {
    uid: _u,
    resourceVersion: _rv,
    creationTimestamp: _c,
    generation: _g,
    managedFields: _mf,
    ownerReferences: _or,
    labels,
    ...meta
  } = o.metadata;
  const { 'app.kubernetes.io/managed-by': _m, ...rest } = labels ?? {};
  const { status: _s, ...object } = o;
  return { ...object, metadata: { ...meta, labels: rest } };
}

const byId = (a: Obj, b: Obj) =>
  `${a.apiVersion} ${a.kind} ${a.metadata.name}`.localeCompare(
    `${b.apiVersion} ${b.kind} ${b.metadata.name}`,
  );

function demoResources(): Obj[] {
  const file = resolve(__dirname, '../../../examples/cluster/payments.yaml');
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map(d => d.toJS() as Obj)
    .filter(o => o?.apiVersion === 'kmop.dev/v1alpha1')
    .map(({ status: _s, ...o }) => o);
}

const CASES: [string, () => Obj[], NativeTarget[]][] = [
  [
    'every kmop-common example, Gateway API, Argo Rollouts, Sloth, Istio',
    () => KMOP_KIND_NAMES.map(k => parse(KMOP_EXAMPLE_MANIFESTS[k])),
    ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
  ],
  [
    'every kmop-common example, Envoy Gateway, Argo Rollouts, Sloth, Pyrra',
    () => KMOP_KIND_NAMES.map(k => parse(KMOP_EXAMPLE_MANIFESTS[k])),
    ['envoy-gateway', 'argo-rollouts', 'sloth', 'pyrra'],
  ],
  [
    'the demo service payments',
    demoResources,
    ['gateway-api', 'argo-rollouts', 'sloth', 'istio'],
  ],
];

describe('the operator process and the native flavour', () => {
  let harness: OperatorHarness | undefined;
  let nativeSim: KubeSim | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    await nativeSim?.close();
    nativeSim = undefined;
  });

  it.each(CASES)(
    'put the same objects in the cluster: %s',
    async (_name, resources, targets) => {
      // The native flavour: the compiler's objects, sent to a cluster as the golden path does.
      nativeSim = await startSim();
      const native = compileToNative(
        resources().map(
          r => (validateKmopResource(r) as { resource: KmopResource }).resource,
        ),
        { targets },
      ).objects;
      for (const o of native) nativeSim.store.create(o as never);

      // The KMOP flavour: the kmop.dev objects, and the operator process rendering them.
      harness = await OperatorHarness.start();
      const sim = harness.sim;
      const owners = resources();
      for (const o of owners) sim.store.create(o as never);
      harness.startOperator([
        '--no-leader-elect',
        '--targets',
        targets.join(','),
      ]);
      await waitUntil(
        () =>
          KMOP_RESOURCES.every(r =>
            (sim.store.list(r.apiVersion, r.kind) as Obj[]).every(
              o => condition(o, 'Reconciled')?.status === 'True',
            ),
          ) && nativeObjects(sim).length >= native.length,
        'every kmop.dev object reconciled',
      );

      const fromOperator = nativeObjects(sim).sort(byId);
      const fromNative = nativeObjects(nativeSim).sort(byId);
      expect(native.length).toBeGreaterThan(0);
      expect(fromOperator.length).toBe(native.length);
      expect(fromOperator.map(comparable)).toEqual(fromNative.map(comparable));
      // Each is the operator's: its controller reference and field manager.
      for (const o of fromOperator) {
        expect(o.metadata.ownerReferences).toHaveLength(1);
        expect(o.metadata.managedFields[0].manager).toBe('kmop-operator');
      }
    },
  );
});
