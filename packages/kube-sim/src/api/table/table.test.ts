import { humanDuration } from './age';
import { tableColumns, tableVersionOf, toTable } from './index';
import { evaluateJsonPath, parseJsonPath } from './jsonPath';
import { builtinResourceTypes } from '../../discovery/builtins';
import { KubeObject } from '../../types';

const at = (path: string, value: unknown) =>
  evaluateJsonPath(parseJsonPath(path)!, value);

describe('printer columns', () => {
  it('reads the JSONPath subset printer columns use', () => {
    const obj = {
      metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { ports: [{ port: 80 }, { port: 443 }] },
      status: {
        conditions: [
          { type: 'Accepted', status: 'True' },
          { type: 'Ready', status: 'False' },
        ],
      },
    };
    expect(at('.status.conditions[?(@.type=="Ready")].status', obj)).toEqual([
      'False',
    ]);
    expect(at(".status.conditions[?(@.type!='Ready')].type", obj)).toEqual([
      'Accepted',
    ]);
    expect(at('.metadata.labels.app\\.kubernetes\\.io/name', obj)).toEqual([
      'web',
    ]);
    expect(at('{.spec.ports[*].port}', obj)).toEqual([80, 443]);
    expect(at(".spec.ports[-1]['port']", obj)).toEqual([443]);
    expect(at('.spec.missing.deeper', obj)).toEqual([]);
  });

  it('prints ages as Kubernetes does', () => {
    const s = 1000;
    expect(
      [
        5,
        119,
        125,
        600,
        3 * 3600 + 120,
        20 * 3600,
        3 * 86400 + 3600,
        40 * 86400,
        800 * 86400,
      ].map(x => humanDuration(x * s)),
    ).toEqual([
      '5s',
      '119s',
      '2m5s',
      '10m',
      '3h2m',
      '20h',
      '3d1h',
      '40d',
      '2y70d',
    ]);
  });

  it('answers the Table version kubectl asks for', () => {
    expect(
      tableVersionOf(
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      ),
    ).toBe('v1');
    expect(tableVersionOf('application/json')).toBeUndefined();
  });

  it('builds rows with partial object metadata by default', () => {
    const leases = builtinResourceTypes().find(t => t.plural === 'leases')!;
    const lease: KubeObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'leader',
        namespace: 'ops',
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: { holderIdentity: 'pod-a' },
    };
    const table = toTable({
      version: 'v1',
      columns: tableColumns(leases, 'v1', undefined),
      objects: [lease],
      metadata: { resourceVersion: '7' },
      includeObject: 'Metadata',
      now: Date.parse('2026-01-01T00:05:00Z'),
    });
    expect(table).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      columnDefinitions: [
        { name: 'Name' },
        { name: 'Holder' },
        { name: 'Age' },
      ],
      rows: [
        {
          cells: ['leader', 'pod-a', '5m'],
          object: { kind: 'PartialObjectMetadata', metadata: lease.metadata },
        },
      ],
    });
  });
});
