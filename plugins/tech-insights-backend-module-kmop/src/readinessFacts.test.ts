import type { KmopReadiness } from '@kmop/plugin-kmop-common';
import { readinessFactSchema, readinessFacts } from './readinessFacts';

const readiness: KmopReadiness = {
  checks: [
    {
      id: 'resilience.probes',
      component: 'resilience',
      title: 'Probes',
      status: 'pass',
      summary: '',
      evidence: [],
    },
    {
      id: 'resilience.disruptionBudget',
      component: 'resilience',
      title: 'A disruption budget',
      status: 'fail',
      summary: '',
      evidence: [],
    },
    {
      id: 'resilience.autoscaling',
      component: 'resilience',
      title: 'An autoscaler',
      status: 'warn',
      summary: '',
      evidence: [],
    },
    {
      id: 'data.volumes',
      component: 'data',
      title: 'Volumes',
      status: 'notApplicable',
      summary: '',
      evidence: [],
    },
  ],
  counts: { pass: 1, warn: 1, fail: 1, notApplicable: 1 },
  score: 0.5,
  workloads: 1,
};

describe('readinessFacts', () => {
  it('gives one fact per check and per component (its least ready check), and the totals', () => {
    expect(readinessFacts(readiness)).toEqual({
      resilience_probes: 'pass',
      resilience_disruptionBudget: 'fail',
      resilience_autoscaling: 'warn',
      data_volumes: 'notApplicable',
      component_resilience: 'fail',
      component_data: 'notApplicable',
      score: 0.5,
      passed: 1,
      warnings: 1,
      failures: 1,
      notApplicable: 1,
      workloads: 1,
      failingChecks: ['resilience.disruptionBudget'],
    });
  });

  it('gives no score when no check applies, and no fact for a component without checks', () => {
    const facts = readinessFacts({
      ...readiness,
      checks: [readiness.checks[3]],
      counts: { pass: 0, warn: 0, fail: 0, notApplicable: 1 },
      score: undefined,
    });
    expect(facts).not.toHaveProperty('score');
    expect(facts).not.toHaveProperty('component_resilience');
  });

  it('declares every fact it can give, with its type', () => {
    const schema = readinessFactSchema();
    expect(Object.keys(schema)).toHaveLength(21 + 12 + 7);
    expect(schema.resilience_disruptionBudget.type).toBe('string');
    expect(schema.component_orchestration.type).toBe('string');
    expect(schema.score.type).toBe('float');
    expect(schema.failingChecks.type).toBe('set');
  });
});
