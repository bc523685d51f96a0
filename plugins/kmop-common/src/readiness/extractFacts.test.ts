import { extractReadinessFact } from './extractFacts';
import { deployment, service } from './__fixtures__/objects';

describe('extractReadinessFact', () => {
  it('ignores what readiness does not read, and never throws on junk', () => {
    const junk: unknown[] = [
      null,
      42,
      'x',
      [],
      {},
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { a: 'b' },
      },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: 'x' },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {},
        spec: {
          template: {
            spec: {
              containers: [
                null,
                1,
                { env: 'x', envFrom: [null], resources: [] },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { selector: { a: 1 } },
      },
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PodMonitor',
        metadata: {},
        spec: { selector: [] },
      },
    ];
    for (const object of junk) {
      expect(() => extractReadinessFact(object, 'c')).not.toThrow();
    }
    expect(extractReadinessFact(junk[5], 'c')).toBeUndefined();
  });

  it('keeps names of references and of secret-looking env, never values', () => {
    const d = deployment(x => {
      x.spec.template.spec.containers[0].env.push({
        name: 'PASSWORD',
        value: 'hunter2',
      });
    });
    const fact = extractReadinessFact(d, 'c');
    expect(JSON.stringify(fact)).not.toContain('hunter2');
    expect(fact).toMatchObject({
      type: 'workload',
      configMaps: ['shop-config'],
      secretRefs: 1,
      containers: [{ literalSecretEnv: ['PASSWORD'] }],
    });
  });

  it('reports malformed fields instead of guessing', () => {
    expect(
      extractReadinessFact(
        deployment(x => {
          x.spec.replicas = '3';
        }),
        'c',
      ),
    ).toMatchObject({
      problems: ['spec.replicas is not a count'],
    });
    expect(extractReadinessFact(service({ app: 1 }), 'c')).toMatchObject({
      selector: { malformed: 'spec.selector has a value that is not a string' },
    });
  });

  it('stays small: a workload fact is far below the 2 KB per object budget', () => {
    expect(
      JSON.stringify(extractReadinessFact(deployment(), 'prod')).length,
    ).toBeLessThan(700);
  });
});
