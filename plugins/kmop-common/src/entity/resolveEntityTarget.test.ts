import { Entity } from '@backstage/catalog-model';
import { KmopAnnotationError } from './KmopAnnotationError';
import { isKmopAvailable } from './isKmopAvailable';
import { resolveEntityTarget } from './resolveEntityTarget';

function component(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', ...(annotations ? { annotations } : {}) },
    spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
  };
}

describe('isKmopAvailable', () => {
  it.each([
    [{ 'kmop.dev/service-name': 'payments-api' }, true],
    [{ 'backstage.io/kubernetes-id': 'payments-api' }, true],
    [{ 'backstage.io/kubernetes-label-selector': 'app=payments' }, true],
    [{ 'backstage.io/kubernetes-namespace': 'payments' }, false],
    [{ 'backstage.io/kubernetes-cluster': 'prod' }, false],
    [{ 'kmop.dev/service-name': '  ' }, false],
    [{}, false],
  ])('%j → %s', (annotations, expected) => {
    expect(isKmopAvailable(component(annotations))).toBe(expected);
  });

  it('is false without annotations', () => {
    expect(isKmopAvailable(component())).toBe(false);
  });
});

describe('resolveEntityTarget', () => {
  it('uses the KMOP service name first, with namespace and cluster', () => {
    expect(
      resolveEntityTarget(
        component({
          'kmop.dev/service-name': 'payments-api',
          'backstage.io/kubernetes-id': 'payments',
          'backstage.io/kubernetes-namespace': 'payments',
          'backstage.io/kubernetes-cluster': 'prod-eu',
        }),
      ),
    ).toEqual({
      serviceName: 'payments-api',
      namespace: 'payments',
      cluster: 'prod-eu',
    });
  });

  it('turns the Kubernetes id into a label selector', () => {
    expect(
      resolveEntityTarget(
        component({ 'backstage.io/kubernetes-id': 'payments-api' }),
      ),
    ).toEqual({ labelSelector: 'backstage.io/kubernetes-id=payments-api' });
  });

  it('prefers the label selector annotation to the Kubernetes id, as Backstage does', () => {
    expect(
      resolveEntityTarget(
        component({
          'backstage.io/kubernetes-id': 'payments-api',
          'backstage.io/kubernetes-label-selector':
            'app=payments,tier in (web)',
        }),
      ),
    ).toEqual({ labelSelector: 'app=payments,tier in (web)' });
  });

  it('trims values and returns an empty target without annotations', () => {
    expect(
      resolveEntityTarget(
        component({ 'kmop.dev/service-name': ' payments-api ' }),
      ),
    ).toEqual({ serviceName: 'payments-api' });
    expect(resolveEntityTarget(component())).toEqual({});
  });

  it.each([
    [
      { 'kmop.dev/service-name': 'Payments_API' },
      'kmop.dev/service-name',
      `Annotation kmop.dev/service-name has "Payments_API", which is not a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)`,
    ],
    [
      { 'backstage.io/kubernetes-label-selector': 'app in (payments' },
      'backstage.io/kubernetes-label-selector',
      `Annotation backstage.io/kubernetes-label-selector has "app in (payments", which is not a valid label selector: expected ',' or ')' at the end`,
    ],
    [
      { 'backstage.io/kubernetes-id': 'payments api' },
      'backstage.io/kubernetes-id',
      `Annotation backstage.io/kubernetes-id has "payments api", which is not a valid label value (up to 63 letters, digits, '-', '_' or '.')`,
    ],
    [
      {
        'kmop.dev/service-name': 'payments',
        'backstage.io/kubernetes-namespace': 'Payments',
      },
      'backstage.io/kubernetes-namespace',
      'Annotation backstage.io/kubernetes-namespace has "Payments", which is not a namespace name (a DNS-1123 label)',
    ],
    [
      {
        'kmop.dev/service-name': 'payments',
        'backstage.io/kubernetes-cluster': ' ',
      },
      'backstage.io/kubernetes-cluster',
      'Annotation backstage.io/kubernetes-cluster must not be empty',
    ],
  ])('rejects %j naming the annotation', (annotations, annotation, message) => {
    let caught: unknown;
    try {
      resolveEntityTarget(component(annotations));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KmopAnnotationError);
    expect(caught).toMatchObject({
      annotation,
      message,
      name: 'KmopAnnotationError',
    });
  });
});
