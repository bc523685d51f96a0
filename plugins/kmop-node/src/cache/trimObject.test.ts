import { trimObject } from './trimObject';

describe('trimObject', () => {
  it('drops managed fields and the last-applied annotation, keeps the rest', () => {
    const trimmed = trimObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 's',
        managedFields: [{ manager: 'kubectl' }],
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"big":true}',
          keep: 'me',
        },
      },
      spec: { ports: [] },
    });
    expect(trimmed).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', annotations: { keep: 'me' } },
      spec: { ports: [] },
    });
  });

  it('leaves objects without metadata alone', () => {
    expect(trimObject({ kind: 'X' })).toEqual({ kind: 'X' });
  });
});
