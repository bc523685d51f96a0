import { microservice } from './__fixtures__/payments';
import { compileMicroservice } from './microservice';

const labels = {
  team: 'payments',
  'app.kubernetes.io/name': 'payments',
  'backstage.io/kubernetes-id': 'payments',
  'app.kubernetes.io/managed-by': 'kmop',
};

describe('compileMicroservice', () => {
  it('emits a Deployment and a Service', () => {
    const { objects, warnings } = compileMicroservice(microservice());
    expect(warnings).toEqual([]);
    expect(objects.map(o => o.kind)).toEqual(['Deployment', 'Service']);
    const [deployment, service] = objects;
    expect(deployment).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'payments',
        namespace: 'payments',
        labels,
        annotations: { 'kmop.dev/compiled-from': 'Microservice/payments' },
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
        template: {
          metadata: {
            labels: {
              'app.kubernetes.io/name': 'payments',
              'backstage.io/kubernetes-id': 'payments',
              'app.kubernetes.io/managed-by': 'kmop',
            },
            annotations: {
              'prometheus.io/scrape': 'true',
              'prometheus.io/path': '/metrics',
              'prometheus.io/port': '8080',
            },
          },
          spec: {
            containers: [
              {
                name: 'payments',
                image: 'ghcr.io/acme/payments:1.4.2',
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                resources: {
                  requests: { cpu: '250m', memory: '256Mi' },
                  limits: { memory: '512Mi' },
                },
                envFrom: [
                  { configMapRef: { name: 'payments-config' } },
                  { secretRef: { name: 'payments-db' } },
                ],
              },
            ],
          },
        },
      },
    });
    expect(service.spec).toEqual({
      selector: { 'app.kubernetes.io/name': 'payments' },
      ports: [
        { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
      ],
    });
    expect(service.metadata.labels).toEqual(labels);
  });

  it('adds an autoscaler and leaves the replica count to it', () => {
    const { objects } = compileMicroservice(
      microservice({
        spec: {
          autoscaling: {
            minReplicas: 2,
            maxReplicas: 10,
            targetCPUUtilizationPercentage: 70,
          },
        },
      }),
    );
    expect(objects.map(o => o.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
    ]);
    expect(objects[0].spec.replicas).toBeUndefined();
    expect(objects[2].spec).toEqual({
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'payments',
      },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    });
  });

  it('scales another target and applies rolling limits when asked', () => {
    const { objects } = compileMicroservice(
      microservice({ spec: { autoscaling: { maxReplicas: 4 } } }),
      {
        rolling: { maxSurge: 1, maxUnavailable: '0%' },
        scaleTarget: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: 'payments',
        },
      },
    );
    expect(objects[0].spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' },
    });
    expect(objects[2].spec.scaleTargetRef).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'payments',
    });
  });

  it('scrapes the monitoring port and says dependencies are not compiled', () => {
    const { objects, warnings } = compileMicroservice(
      microservice({
        spec: {
          ports: [
            { name: 'http', port: 8080 },
            { name: 'metrics', port: 9090 },
          ],
          monitoring: { metricsPath: '/prom', port: 9090 },
          dependencies: ['ledger'],
        },
      }),
    );
    const template = objects[0].spec.template as {
      metadata: { annotations: unknown };
    };
    expect(template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/path': '/prom',
      'prometheus.io/port': '9090',
    });
    expect(warnings).toEqual([
      'Microservice payments: dependencies (ledger) have no native counterpart and are not compiled.',
    ]);
  });
});
