import { trimListText } from './trimListText';
import { trimObject } from './trimObject';
import { KubeObject } from './types';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// As kubectl's client-side apply and a controller leave an object: fieldsV1 keys hold
// escaped JSON (`k:{"name":"web"}`), and the annotation a copy of the applied object.
function applied(
  name: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'shop',
      labels: { 'app.kubernetes.io/name': name },
      annotations: {
        'deployment.kubernetes.io/revision': '3',
        note: 'a value with "quotes", a \\ backslash, ] and } in it',
      },
    },
    spec: {
      replicas: 2,
      template: { spec: { containers: [{ name: 'web', args: ['--x=[1]'] }] } },
    },
    status: { readyReplicas: 2 },
    ...extra,
  };
  const { status: _status, ...desired } = object;
  return {
    ...object,
    metadata: {
      ...object.metadata,
      annotations: {
        ...object.metadata.annotations,
        [LAST_APPLIED]: `${JSON.stringify(desired)}\n`,
      },
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion: 'apps/v1',
          time: '2026-12-01T10:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:spec': {
              'f:template': {
                'f:spec': {
                  'f:containers': { 'k:{"name":"web"}': { '.': {} } },
                },
              },
            },
          },
        },
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          subresource: 'status',
          fieldsV1: { 'f:status': { 'f:readyReplicas': {} } },
        },
      ],
    },
  } as KubeObject;
}

function list(items: KubeObject[]) {
  return {
    kind: 'DeploymentList',
    apiVersion: 'apps/v1',
    metadata: { resourceVersion: '42' },
    items,
  };
}

describe('trimListText', () => {
  it('gives the list trimObject gives, without building the fields it drops', () => {
    const page = list([applied('a'), applied('b'), applied('c')]);
    const text = JSON.stringify(page);
    const trimmed = trimListText(text);
    expect(trimmed.length).toBeLessThan(text.length / 2);
    expect(trimmed).not.toContain('managedFields');
    expect(trimmed).not.toContain(LAST_APPLIED);
    expect(JSON.parse(trimmed)).toEqual({
      ...page,
      items: page.items.map(trimObject),
    });
  });

  it('cuts each field wherever it sits among its siblings', () => {
    const first = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        managedFields: [{ manager: 'm', fieldsV1: {} }],
        name: 'first',
        annotations: { [LAST_APPLIED]: '{}', other: 'kept' },
      },
    };
    const alone = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        annotations: { [LAST_APPLIED]: '{"a":"\\"}"}' },
        managedFields: [{ manager: 'm' }],
      },
    };
    const page = list([first, alone] as KubeObject[]);
    expect(JSON.parse(trimListText(JSON.stringify(page))).items).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'first', annotations: { other: 'kept' } },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: {} } },
    ]);
  });

  it('leaves alone what only looks like the fields: text inside strings, other keys, other shapes', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      other: { 'x"managedFields': [{ manager: 'm' }] },
      data: {
        quoted: '"managedFields":[{"manager":"m"}]',
        applied: `"${LAST_APPLIED}":"v"`,
      },
      spec: { managedFields: [{ name: 'not the API server’s' }] },
    };
    const text = JSON.stringify(list([object as unknown as KubeObject]));
    expect(trimListText(text)).toBe(text);
  });

  it('leaves pretty-printed and unfinished text to JSON.parse', () => {
    const pretty = JSON.stringify(list([applied('a')]), null, 2);
    expect(trimListText(pretty)).toBe(pretty);
    const cut = JSON.stringify(list([applied('a')]));
    const unfinished = cut.slice(0, cut.indexOf('"manager"') + 20);
    expect(trimListText(unfinished)).toBe(unfinished);
    expect(() => JSON.parse(trimListText(unfinished))).toThrow();
  });
});
