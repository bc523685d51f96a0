import { computeReadiness } from './computeReadiness';
import {
  claim,
  configMap,
  deployment,
  destinationRule,
  gatewayRoute,
  hpa,
  input,
  monitor,
  networkPolicy,
  pdb,
  service,
  slo,
  virtualService,
  Fixture,
} from './__fixtures__/objects';
import { READINESS_COMPONENTS, ReadinessStatus } from './types';

const GOOD_TRAFFIC = {
  loadBalancer: { simple: 'LEAST_REQUEST' },
  outlierDetection: {
    consecutive5xxErrors: 5,
    interval: '10s',
    baseEjectionTime: '30s',
  },
};

/** A service that passes everything it can. */
function good(): Required<Fixture> {
  return {
    own: [
      deployment(d => {
        d.metadata.labels['argocd.argoproj.io/instance'] = 'shop';
      }),
      pdb(),
      hpa(),
      slo(),
      gatewayRoute('jwt'),
      destinationRule(GOOD_TRAFFIC),
      virtualService(),
    ],
    around: [
      service(),
      configMap(),
      networkPolicy(),
      monitor('ServiceMonitor'),
    ],
  };
}

function check(id: string, fixture: Fixture) {
  const found = computeReadiness(input(fixture)).checks.find(c => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function status(id: string, fixture: Fixture): ReadinessStatus {
  return check(id, fixture).status;
}

/** The good service with one change. */
function changed(change: (f: Required<Fixture>) => void): Fixture {
  const f = good();
  change(f);
  return f;
}

function withoutKind(f: Required<Fixture>, kind: string) {
  f.own = f.own.filter(o => o.kind !== kind);
  f.around = f.around.filter(o => o.kind !== kind);
}

describe('computeReadiness', () => {
  it('covers the twelve components, and a good service passes or does not apply', () => {
    const readiness = computeReadiness(input(good()));
    expect(new Set(readiness.checks.map(c => c.component))).toEqual(
      new Set(READINESS_COMPONENTS),
    );
    const notPassing = readiness.checks.filter(
      c => c.status !== 'pass' && c.status !== 'notApplicable',
    );
    expect(
      notPassing.map(
        c => `${c.id}: ${c.summary} ${JSON.stringify(c.evidence)}`,
      ),
    ).toEqual([]);
    expect(readiness.score).toBe(1);
    expect(readiness.workloads).toBe(1);
    for (const c of readiness.checks) {
      expect(c.remedy).toBeUndefined();
      expect(c.evidence.length).toBeGreaterThan(0);
    }
  });

  it('fails the workload checks with what it looked for when nothing runs', () => {
    const readiness = computeReadiness(input({}));
    const discovery = readiness.checks.find(c => c.id === 'discovery.service')!;
    expect(discovery.status).toBe('fail');
    expect(discovery.evidence[0].note).toMatch(
      /Looked for a Deployment, StatefulSet or Argo Rollout of service shop/,
    );
    expect(discovery.remedy?.text).toBeTruthy();
    expect(readiness.counts.pass).toBe(0);
    expect(readiness.workloads).toBe(0);
    // Those checks say it alike and are marked, so a page says it once; the others are not.
    const nothingRuns = readiness.checks.filter(c => c.nothingRuns);
    expect(nothingRuns.length).toBeGreaterThan(10);
    for (const c of nothingRuns) {
      expect(c).toMatchObject({
        status: 'fail',
        summary: discovery.summary,
        evidence: discovery.evidence,
        remedy: discovery.remedy,
      });
    }
    expect(
      readiness.checks.find(c => c.id === 'monitoring.slo')!.nothingRuns,
    ).toBeUndefined();
    expect(
      computeReadiness(input(good())).checks.some(c => c.nothingRuns),
    ).toBe(false);
  });

  describe('discovery.service', () => {
    it('passes with a Service selecting the pods', () =>
      expect(status('discovery.service', good())).toBe('pass'));
    it('fails with no Service, a Service for other pods, or a malformed selector', () => {
      expect(
        status(
          'discovery.service',
          changed(f => withoutKind(f, 'Service')),
        ),
      ).toBe('fail');
      expect(
        status(
          'discovery.service',
          changed(f => {
            f.around = [service({ app: 'other' })];
          }),
        ),
      ).toBe('fail');
      const malformed = check(
        'discovery.service',
        changed(f => {
          f.around = [service('shop')];
        }),
      );
      expect(malformed.status).toBe('fail');
      expect(malformed.evidence.map(e => e.note).join(' ')).toMatch(
        /Not counted: spec.selector is not a map/,
      );
      expect(
        status(
          'discovery.service',
          changed(f => {
            f.around = [service({})];
          }),
        ),
      ).toBe('fail');
    });
  });

  describe('gateway.route', () => {
    it('passes with an accepted route', () =>
      expect(status('gateway.route', good())).toBe('pass'));
    it('warns without a route, and without acceptance', () => {
      expect(
        status(
          'gateway.route',
          changed(f => withoutKind(f, 'GatewayRoute')),
        ),
      ).toBe('warn');
      const unaccepted = gatewayRoute('jwt');
      delete unaccepted.status;
      expect(
        status(
          'gateway.route',
          changed(f => {
            f.own = [deployment(), unaccepted];
          }),
        ),
      ).toBe('warn');
    });
    it('fails when every parent rejected the route', () => {
      const rejected = gatewayRoute('jwt');
      rejected.status.conditions = [
        { type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' },
      ];
      expect(
        status(
          'gateway.route',
          changed(f => {
            f.own = [deployment(), rejected];
          }),
        ),
      ).toBe('fail');
    });
  });

  describe('loadBalancing.policy', () => {
    it('passes with a policy or with replicas', () => {
      expect(status('loadBalancing.policy', good())).toBe('pass');
      expect(
        status(
          'loadBalancing.policy',
          changed(f => withoutKind(f, 'DestinationRule')),
        ),
      ).toBe('pass');
    });
    it('warns with one replica and fails with malformed replicas', () => {
      expect(
        status('loadBalancing.policy', {
          own: [
            deployment(d => {
              d.spec.replicas = 1;
            }),
          ],
        }),
      ).toBe('warn');
      expect(
        status('loadBalancing.policy', {
          own: [
            deployment(d => {
              d.spec.replicas = 'three';
            }),
          ],
        }),
      ).toBe('fail');
    });
  });

  describe('configuration', () => {
    it('passes secrets held in Secret references and existing ConfigMaps', () => {
      expect(status('configuration.secrets', good())).toBe('pass');
      expect(status('configuration.configMaps', good())).toBe('pass');
    });
    it('fails a literal credential, naming it but never showing its value', () => {
      const c = check(
        'configuration.secrets',
        changed(f => {
          f.own[0] = deployment(d => {
            d.spec.template.spec.containers[0].env.push({
              name: 'API_TOKEN',
              value: 's3cr3t-value',
            });
          });
        }),
      );
      expect(c.status).toBe('fail');
      expect(JSON.stringify(c)).toContain('API_TOKEN');
      expect(JSON.stringify(c)).not.toContain('s3cr3t-value');
    });
    it('fails a missing ConfigMap; not applicable without references; optional ones are skipped', () => {
      expect(
        status(
          'configuration.configMaps',
          changed(f => withoutKind(f, 'ConfigMap')),
        ),
      ).toBe('fail');
      const none = deployment(d => {
        delete d.spec.template.spec.containers[0].envFrom;
      });
      expect(status('configuration.configMaps', { own: [none] })).toBe(
        'notApplicable',
      );
      const optional = deployment(d => {
        d.spec.template.spec.containers[0].envFrom[0].configMapRef.optional =
          true;
      });
      expect(status('configuration.configMaps', { own: [optional] })).toBe(
        'notApplicable',
      );
    });
  });

  describe('communication.mesh', () => {
    it('passes with a sidecar or Istio routing', () => {
      expect(status('communication.mesh', good())).toBe('pass');
      const noSidecar = deployment(d => {
        d.spec.template.metadata.annotations = {};
      });
      expect(
        status('communication.mesh', {
          own: [noSidecar, destinationRule(GOOD_TRAFFIC)],
        }),
      ).toBe('pass');
    });
    it('warns without a mesh', () => {
      const noSidecar = deployment(d => {
        d.spec.template.metadata.annotations = {};
      });
      expect(status('communication.mesh', { own: [noSidecar] })).toBe('warn');
    });
  });

  describe('monitoring', () => {
    it('passes with a ServiceMonitor, a PodMonitor or scrape annotations', () => {
      const plain = deployment(d => {
        d.spec.template.metadata.annotations = {};
      });
      expect(
        status('monitoring.scrape', {
          own: [plain],
          around: [service(), monitor('ServiceMonitor')],
        }),
      ).toBe('pass');
      expect(
        status('monitoring.scrape', {
          own: [plain],
          around: [monitor('PodMonitor')],
        }),
      ).toBe('pass');
      expect(status('monitoring.scrape', { own: [deployment()] })).toBe('pass');
    });
    it('fails without any, and with a monitor whose selector is not understood', () => {
      const plain = deployment(d => {
        d.spec.template.metadata.annotations = {};
      });
      expect(status('monitoring.scrape', { own: [plain] })).toBe('fail');
      const expr = monitor('PodMonitor', {
        matchExpressions: [{ key: 'app', operator: 'Exists' }],
      });
      expect(
        status('monitoring.scrape', { own: [plain], around: [expr] }),
      ).toBe('fail');
    });
    it('passes an SLO with an objective, warns a malformed one, fails none', () => {
      expect(status('monitoring.slo', good())).toBe('pass');
      const unreported = slo();
      delete unreported.status;
      // Applied, with no operator status yet: its objective is there all the same.
      expect(
        status('monitoring.slo', { own: [deployment(), unreported] }),
      ).toBe('pass');
      expect(
        status('monitoring.slo', { own: [deployment(), slo('lots')] }),
      ).toBe('warn');
      const none = check('monitoring.slo', { own: [deployment()] });
      expect(none.status).toBe('fail');
      expect(none.remedy?.template).toBe('slo');
    });
  });

  describe('containerization', () => {
    it('passes pinned images, resources and non-root', () => {
      for (const id of [
        'containerization.image',
        'containerization.resources',
        'containerization.nonRoot',
      ]) {
        expect(status(id, good())).toBe('pass');
      }
      const digest = deployment(d => {
        d.spec.template.spec.containers[0].image =
          'registry:5000/shop@sha256:abc';
      });
      expect(status('containerization.image', { own: [digest] })).toBe('pass');
    });
    it('fails latest, untagged and missing images (a registry port is not a tag)', () => {
      for (const image of [
        'shop:latest',
        'shop',
        'registry:5000/shop',
        undefined,
      ]) {
        const d = deployment(x => {
          x.spec.template.spec.containers[0].image = image;
        });
        expect(status('containerization.image', { own: [d] })).toBe('fail');
      }
    });
    it('warns requests without limits, fails no requests, warns possible root', () => {
      expect(
        status('containerization.resources', {
          own: [
            deployment(d => {
              d.spec.template.spec.containers[0].resources = {
                requests: { cpu: '1' },
              };
            }),
          ],
        }),
      ).toBe('warn');
      expect(
        status('containerization.resources', {
          own: [
            deployment(d => {
              delete d.spec.template.spec.containers[0].resources;
            }),
          ],
        }),
      ).toBe('fail');
      expect(
        status('containerization.nonRoot', {
          own: [
            deployment(d => {
              delete d.spec.template.spec.securityContext;
            }),
          ],
        }),
      ).toBe('warn');
      expect(
        status('containerization.nonRoot', {
          own: [
            deployment(d => {
              d.spec.template.spec.containers[0].securityContext = {
                runAsNonRoot: false,
              };
            }),
          ],
        }),
      ).toBe('warn');
    });
  });

  describe('delivery.progressive', () => {
    it('passes a canary or a GitOps-managed workload', () => {
      const canary = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: {
          name: 'shop',
          namespace: 'shop',
          labels: { 'app.kubernetes.io/name': 'shop' },
        },
        spec: {
          ...deployment().spec,
          strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } },
        },
      };
      expect(status('delivery.progressive', { own: [canary] })).toBe('pass');
      const gitOps = deployment(d => {
        d.metadata.labels['argocd.argoproj.io/instance'] = 'shop';
      });
      expect(status('delivery.progressive', { own: [gitOps] })).toBe('pass');
    });
    it('counts a Rollout with workloadRef as the workload it names', () => {
      // What the KMOP operator renders from a RolloutPolicy: the pods are the
      // Deployment's, so the Rollout is not a second workload without a pod template.
      const rollout = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: {
          name: 'shop',
          namespace: 'shop',
          labels: { 'app.kubernetes.io/name': 'shop' },
        },
        spec: {
          workloadRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'shop',
          },
          strategy: { canary: { steps: [{ setWeight: 20 }] } },
        },
      };
      const withDeployment = changed(f => f.own.push(rollout));
      expect(computeReadiness(input(withDeployment)).workloads).toBe(1);
      expect(status('discovery.service', withDeployment)).toBe('pass');
      expect(status('containerization.image', withDeployment)).toBe('pass');
      // Without the Deployment it names, its pod template is unknown: never a pass.
      const alone = check('containerization.image', { own: [rollout] });
      expect(alone.status).toBe('fail');
      expect(alone.evidence).toContainEqual(
        expect.objectContaining({
          note: 'Malformed: spec.workloadRef: the pod template is in another object',
        }),
      );
    });
    it('warns a plain rolling update, fails nothing', () => {
      const c = check('delivery.progressive', { own: [deployment()] });
      expect(c.status).toBe('warn');
      expect(c.remedy?.template).toBe('rollout');
      expect(status('delivery.progressive', {})).toBe('fail');
    });
  });

  describe('security', () => {
    it('passes a NetworkPolicy selecting the pods (an empty podSelector selects all)', () => {
      expect(status('security.networkPolicy', good())).toBe('pass');
      expect(
        status('security.networkPolicy', {
          own: [deployment()],
          around: [networkPolicy({})],
        }),
      ).toBe('pass');
    });
    it('warns without a policy, or with one it cannot read', () => {
      expect(status('security.networkPolicy', { own: [deployment()] })).toBe(
        'warn',
      );
      expect(
        status('security.networkPolicy', {
          own: [deployment()],
          around: [networkPolicy('all')],
        }),
      ).toBe('warn');
    });
    it('passes an authenticated route over TLS, warns or fails the others, n/a without routes', () => {
      expect(status('security.routeAuth', good())).toBe('pass');
      expect(
        status('security.routeAuth', {
          own: [deployment(), gatewayRoute(undefined)],
        }),
      ).toBe('warn');
      const plain = gatewayRoute(undefined);
      plain.status.url = 'http://shop.example.com';
      expect(status('security.routeAuth', { own: [deployment(), plain] })).toBe(
        'fail',
      );
      expect(status('security.routeAuth', { own: [deployment()] })).toBe(
        'notApplicable',
      );
    });
  });

  describe('data.volumes', () => {
    const stateful = (claimName: string) =>
      deployment(d => {
        d.spec.template.spec.volumes = [
          { name: 'data', persistentVolumeClaim: { claimName } },
        ];
      });
    it('does not apply to a stateless service', () =>
      expect(status('data.volumes', good())).toBe('notApplicable'));
    it('passes a bound claim, fails a missing or pending one', () => {
      expect(
        status('data.volumes', {
          own: [stateful('data')],
          around: [claim('data', 'Bound')],
        }),
      ).toBe('pass');
      expect(status('data.volumes', { own: [stateful('data')] })).toBe('fail');
      expect(
        status('data.volumes', {
          own: [stateful('data')],
          around: [claim('data', 'Pending')],
        }),
      ).toBe('fail');
    });
    it('warns a StatefulSet without volumeClaimTemplates', () => {
      const sts = { ...deployment(), kind: 'StatefulSet' };
      expect(status('data.volumes', { own: [sts] })).toBe('warn');
      expect(
        status('data.volumes', {
          own: [{ ...sts, spec: { ...sts.spec, volumeClaimTemplates: [{}] } }],
        }),
      ).toBe('pass');
    });
  });

  describe('resilience', () => {
    it('passes probes, a PDB, an HPA and traffic policies', () => {
      for (const id of [
        'resilience.probes',
        'resilience.disruptionBudget',
        'resilience.autoscaling',
        'resilience.traffic',
      ]) {
        expect(status(id, good())).toBe('pass');
      }
    });
    it('fails no readiness probe, warns no liveness probe', () => {
      expect(
        status('resilience.probes', {
          own: [
            deployment(d => {
              delete d.spec.template.spec.containers[0].readinessProbe;
            }),
          ],
        }),
      ).toBe('fail');
      expect(
        status('resilience.probes', {
          own: [
            deployment(d => {
              delete d.spec.template.spec.containers[0].livenessProbe;
            }),
          ],
        }),
      ).toBe('warn');
    });
    it('fails no PDB (linking the resilience template), warns no HPA', () => {
      const noPdb = check(
        'resilience.disruptionBudget',
        changed(f => withoutKind(f, 'PodDisruptionBudget')),
      );
      expect(noPdb.status).toBe('fail');
      expect(noPdb.remedy?.template).toBe('resilience');
      expect(
        status(
          'resilience.autoscaling',
          changed(f => withoutKind(f, 'HorizontalPodAutoscaler')),
        ),
      ).toBe('warn');
    });
    it('a malformed PDB does not pass', () => {
      expect(
        status('resilience.disruptionBudget', {
          own: [deployment(), pdb('half')],
        }),
      ).toBe('fail');
    });
    it('warns only some traffic settings, fails none', () => {
      expect(
        status('resilience.traffic', {
          own: [
            deployment(),
            destinationRule({
              outlierDetection: GOOD_TRAFFIC.outlierDetection,
            }),
          ],
        }),
      ).toBe('warn');
      expect(status('resilience.traffic', { own: [deployment()] })).toBe(
        'fail',
      );
    });
  });

  describe('orchestration', () => {
    it('passes two replicas or an autoscaler minimum of two', () => {
      expect(status('orchestration.replicas', good())).toBe('pass');
      expect(
        status('orchestration.replicas', {
          own: [
            deployment(d => {
              d.spec.replicas = 1;
            }),
            hpa(2),
          ],
        }),
      ).toBe('pass');
    });
    it('fails one replica and malformed replicas', () => {
      expect(
        status('orchestration.replicas', {
          own: [
            deployment(d => {
              delete d.spec.replicas;
            }),
          ],
        }),
      ).toBe('fail');
      expect(
        status('orchestration.replicas', {
          own: [
            deployment(d => {
              d.spec.replicas = -2;
            }),
          ],
        }),
      ).toBe('fail');
    });
    it('passes spread constraints or anti-affinity, warns none', () => {
      expect(status('orchestration.spread', good())).toBe('pass');
      const anti = deployment(d => {
        delete d.spec.template.spec.topologySpreadConstraints;
        d.spec.template.spec.affinity = { podAntiAffinity: {} };
      });
      expect(status('orchestration.spread', { own: [anti] })).toBe('pass');
      expect(
        status('orchestration.spread', {
          own: [
            deployment(d => {
              delete d.spec.template.spec.topologySpreadConstraints;
            }),
          ],
        }),
      ).toBe('warn');
    });
  });

  it('never passes a workload check on a workload without a pod template', () => {
    const broken = deployment(d => {
      delete d.spec.template;
    });
    const readiness = computeReadiness(
      input({ own: [broken], around: [service()] }),
    );
    const workloadChecks = [
      'discovery.service',
      'containerization.image',
      'resilience.probes',
      'orchestration.spread',
      'configuration.secrets',
    ];
    for (const id of workloadChecks) {
      expect([id, readiness.checks.find(c => c.id === id)!.status]).not.toEqual(
        [id, 'pass'],
      );
    }
  });
});
