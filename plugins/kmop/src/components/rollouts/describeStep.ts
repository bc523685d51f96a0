import type {
  KmopRolloutStep,
  KmopRolloutView,
} from '@kmop/plugin-kmop-common';

/** A canary step in words: `Set weight 20%`, `Pause 30s`, `Pause until promoted`. */
export function describeStep(step: KmopRolloutStep): string {
  switch (step.type) {
    case 'setWeight':
      return step.weight !== undefined
        ? `Set weight ${step.weight}%`
        : 'Set weight';
    case 'pause':
      return step.duration ? `Pause ${step.duration}` : 'Pause until promoted';
    case 'analysis':
      return step.templates && step.templates.length > 0
        ? `Analysis: ${step.templates.join(', ')}`
        : 'Analysis';
    case 'experiment':
      return 'Experiment';
    case 'setCanaryScale':
      return 'Set canary scale';
    case 'setHeaderRoute':
      return step.routeName ? `Header route ${step.routeName}` : 'Header route';
    case 'setMirrorRoute':
      return `Mirror route${step.routeName ? ` ${step.routeName}` : ''}${
        step.mirrorPercent !== undefined ? ` ${step.mirrorPercent}%` : ''
      }`;
    case 'plugin':
      return step.plugin ? `Plugin ${step.plugin}` : 'Plugin step';
    default:
      return 'Step';
  }
}

/** The current step as a sentence, e.g. `Step 3 of 6: Pause until promoted`; undefined when none is current. */
export function describeCurrentStep(
  rollout: KmopRolloutView,
): string | undefined {
  const index = rollout.steps.findIndex(step => step.state === 'current');
  if (index < 0) return undefined;
  return `Step ${index + 1} of ${rollout.steps.length}: ${describeStep(
    rollout.steps[index],
  )}`;
}

const STRATEGY_LABELS: Record<KmopRolloutView['strategy'], string> = {
  canary: 'Canary',
  blueGreen: 'Blue-green',
  rolling: 'Rolling update',
  recreate: 'Recreate',
  unknown: 'Unknown strategy',
};

export function strategyLabel(strategy: KmopRolloutView['strategy']): string {
  return STRATEGY_LABELS[strategy] ?? strategy;
}
