import { slothStatus } from './sloth';

const NOW = '2026-12-06T10:00:00.000Z';

const psl = (slos: unknown[], status?: Record<string, unknown>) => ({
  apiVersion: 'sloth.slok.dev/v1',
  kind: 'PrometheusServiceLevel',
  metadata: { name: 'pay', namespace: 'shop', generation: 3 },
  spec: { service: 'pay', slos },
  ...(status ? { status } : {}),
});

const events = {
  events: {
    errorQuery: 'sum(rate(e[{{.window}}]))',
    totalQuery: 'sum(rate(t[{{.window}}]))',
  },
};

describe('slothStatus, as Sloth’s controller', () => {
  it('reports the rules generated for every SLO of a new object', () => {
    expect(
      slothStatus(psl([{ name: 'a', objective: 99.9, sli: events }]), NOW),
    ).toEqual({
      processedSLOs: 1,
      promOpRulesGeneratedSLOs: 1,
      promOpRulesGenerated: true,
      lastPromOpRulesSuccessfulGenerated: NOW,
      observedGeneration: 3,
    });
  });

  it('reports no rules when an SLO lacks its SLI', () => {
    expect(
      slothStatus(
        psl([
          { name: 'a', objective: 99.9, sli: events },
          { name: 'b', objective: 99 },
        ]),
        NOW,
      ),
    ).toMatchObject({
      processedSLOs: 2,
      promOpRulesGeneratedSLOs: 1,
      promOpRulesGenerated: false,
    });
  });

  it('leaves a status of this generation, or a seed’s without one', () => {
    const slos = [{ name: 'a', objective: 99.9, sli: events }];
    expect(
      slothStatus(psl(slos, { observedGeneration: 3 }), NOW),
    ).toBeUndefined();
    expect(slothStatus(psl(slos, { processedSLOs: 1 }), NOW)).toBeUndefined();
  });
});
