import { errorsOf, expectValid, manifest } from './__testUtils__/validation';

function rollout(spec: Record<string, unknown>) {
  return manifest('RolloutPolicy', { serviceRef: 'payments-api', ...spec });
}

const steps = [
  { setWeight: 20 },
  { pause: { duration: '5m' } },
  { analysis: { templates: ['success-rate'] } },
];

describe('RolloutPolicy', () => {
  it('defaults to a rolling update without auto-promotion', () => {
    const { spec } = expectValid('RolloutPolicy', rollout({ rolling: {} }));
    expect(spec.strategy).toBe('rolling');
    expect(spec.autoPromote).toBe(false);
    expect(spec.rolling).toEqual({ maxSurge: '25%', maxUnavailable: '25%' });
  });

  it('accepts canary steps, each of one kind', () => {
    const { spec } = expectValid(
      'RolloutPolicy',
      rollout({
        strategy: 'canary',
        canary: { steps: [...steps, { pause: {} }] },
      }),
    );
    expect(spec.canary?.steps).toHaveLength(4);
  });

  it('requires the block of the chosen strategy', () => {
    expect(errorsOf(rollout({ strategy: 'canary' }))).toEqual([
      { path: 'spec.canary', message: 'is required when strategy is canary' },
    ]);
    expect(errorsOf(rollout({ strategy: 'blueGreen' }))).toEqual([
      {
        path: 'spec.blueGreen',
        message: 'is required when strategy is blueGreen',
      },
    ]);
    expect(errorsOf(rollout({ strategy: 'canary', canary: {} }))).toEqual([
      { path: 'spec.canary.steps', message: 'is required' },
    ]);
    expect(
      errorsOf(rollout({ strategy: 'canary', canary: { steps: [] } })),
    ).toEqual([
      { path: 'spec.canary.steps', message: 'must have at least 1 item' },
    ]);
  });

  it('rejects steps with none or several actions and weights above 100', () => {
    expect(
      errorsOf(
        rollout({
          strategy: 'canary',
          canary: {
            steps: [
              {},
              { setWeight: 10, pause: {} },
              { setWeight: 101 },
              { setWeight: -5 },
            ],
          },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.canary.steps[0]',
        message: 'must set exactly one of: setWeight, pause, analysis',
      },
      {
        path: 'spec.canary.steps[1]',
        message:
          'must set only one of: setWeight, pause, analysis (found setWeight and pause)',
      },
      { path: 'spec.canary.steps[2].setWeight', message: 'must be ≤ 100' },
      { path: 'spec.canary.steps[3].setWeight', message: 'must be ≥ 0' },
    ]);
  });

  it('checks pause and analysis steps', () => {
    expect(
      errorsOf(
        rollout({
          strategy: 'canary',
          canary: {
            steps: [
              { pause: { duration: '5 m' } },
              { analysis: { templates: [] } },
            ],
          },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.canary.steps[0].pause.duration',
        message:
          'must be a duration such as 30s, 5m or 1h (a whole number > 0 followed by ms, s, m, h or d)',
      },
      {
        path: 'spec.canary.steps[1].analysis.templates',
        message: 'must have at least 1 item',
      },
    ]);
  });

  it('requires distinct services', () => {
    expect(
      errorsOf(
        rollout({
          strategy: 'canary',
          canary: {
            steps,
            canaryService: 'payments',
            stableService: 'payments',
          },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.canary.stableService',
        message: 'must differ from canaryService',
      },
    ]);
    expect(
      errorsOf(
        rollout({
          strategy: 'blueGreen',
          blueGreen: { activeService: 'payments', previewService: 'payments' },
        }),
      ),
    ).toEqual([
      {
        path: 'spec.blueGreen.previewService',
        message: 'must differ from activeService',
      },
    ]);
  });

  it('applies blue-green defaults', () => {
    const { spec } = expectValid(
      'RolloutPolicy',
      rollout({
        strategy: 'blueGreen',
        blueGreen: {
          activeService: 'payments',
          previewService: 'payments-preview',
        },
      }),
    );
    expect(spec.blueGreen?.autoPromotionEnabled).toBe(false);
  });

  it('rejects a rolling update that can make no progress and bad limits', () => {
    expect(
      errorsOf(rollout({ rolling: { maxSurge: 0, maxUnavailable: '0%' } })),
    ).toEqual([
      {
        path: 'spec.rolling.maxUnavailable',
        message: 'must not be 0 when maxSurge is 0',
      },
    ]);
    expect(errorsOf(rollout({ rolling: { maxSurge: '150%' } }))).toEqual([
      {
        path: 'spec.rolling.maxSurge',
        message:
          'must be a whole number ≥ 0 or a percentage from 0% to 100% (such as 25%)',
      },
    ]);
  });

  it('checks the SLO gate, strategy and engine', () => {
    expect(
      errorsOf(
        rollout({
          strategy: 'linear',
          sloGate: { sloRef: 'payments-availability', maxBurnRate: 0 },
          engine: 'spinnaker',
        }),
      ),
    ).toEqual([
      {
        path: 'spec.strategy',
        message: 'must be one of: rolling, canary, blueGreen',
      },
      { path: 'spec.sloGate.maxBurnRate', message: 'must be > 0' },
      {
        path: 'spec.engine',
        message: 'must be one of: argo-rollouts, flagger',
      },
    ]);
  });

  it('checks the status', () => {
    expect(
      errorsOf({
        ...rollout({}),
        status: { canaryWeight: 120, currentStepIndex: -1 },
      }),
    ).toEqual([
      { path: 'status.currentStepIndex', message: 'must be ≥ 0' },
      { path: 'status.canaryWeight', message: 'must be ≤ 100' },
    ]);
  });
});
