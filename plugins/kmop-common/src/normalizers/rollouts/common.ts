import type {
  KmopItemBase,
  KmopRolloutStep,
  KmopRolloutView,
} from '../../view';
import type { Reader } from '../access';

/** A rollout item with nothing known but its source, for objects that cannot be read. */
export function blankRollout(base: KmopItemBase): KmopRolloutView {
  return {
    ...base,
    strategy: 'unknown',
    steps: [],
    aborted: false,
    paused: false,
    pauseReasons: [],
  };
}

/** Steps before the current index are done; without an index nothing has started. */
export function stepState(
  index: number,
  current: number | undefined,
): KmopRolloutStep['state'] {
  if (current === undefined || index > current) return 'pending';
  return index < current ? 'done' : 'current';
}

/** What a step is, without its place in the list. */
export type StepKind = Omit<KmopRolloutStep, 'index' | 'state'>;

/**
 * A canary step: setWeight and pause, which Argo Rollouts and KMOP write
 * alike, or any other kind through `readOther` (`other` when it knows none).
 */
export function readCanaryStep(
  step: Reader,
  index: number,
  current: number | undefined,
  readOther: (step: Reader) => StepKind | undefined,
): KmopRolloutStep {
  const base = { index, state: stepState(index, current) };
  if (step.has('setWeight')) {
    return {
      ...base,
      type: 'setWeight',
      weight: readPercent(step, 'setWeight'),
    };
  }
  if (step.has('pause')) {
    return { ...base, type: 'pause', duration: readPauseDuration(step) };
  }
  return { ...base, ...(readOther(step) ?? { type: 'other' }) };
}

/** A pause length: seconds as a number or a duration string (Argo Rollouts, KMOP). */
export function readPauseDuration(step: Reader): string | undefined {
  const duration = step.intOrString('pause.duration');
  return typeof duration === 'number' ? `${duration}s` : duration;
}

/** A weight in [0, 100]; anything else is recorded. */
export function readPercent(r: Reader, path: string): number | undefined {
  const value = r.num(path);
  if (value === undefined || (value >= 0 && value <= 100)) return value;
  r.note(path, `is ${value}, expected a percentage from 0 to 100`);
  return undefined;
}

/** Only fields that are known, so that empty groups can be left out. */
export function defined<T extends object>(value: T): T | undefined {
  return Object.values(value).some(v => v !== undefined) ? value : undefined;
}

/** The annotation KMOP's compilers write on what they render (`<Kind>/<name>`). */
const COMPILED_FROM = 'kmop.dev/compiled-from';

/**
 * The KMOP object a rendered Rollout or Canary came from: its controller ownerReference
 * to a kmop.dev object (the operator), else the compilers' annotation (GitOps).
 */
export function readRenderedFrom(r: Reader): KmopRolloutView['renderedFrom'] {
  const owner = r
    .arr('metadata.ownerReferences')
    .find(
      o =>
        o.bool('controller') === true &&
        (o.str('apiVersion') ?? '').startsWith('kmop.dev/'),
    );
  const ownerKind = owner?.str('kind');
  const ownerName = owner?.str('name');
  if (ownerKind && ownerName) {
    return { kind: ownerKind, name: ownerName, via: 'ownerReference' };
  }
  const annotation = r.str(['metadata', 'annotations', COMPILED_FROM]);
  const match = annotation?.match(/^([A-Za-z]+)\/(.+)$/);
  return match
    ? { kind: match[1], name: match[2], via: 'annotation' }
    : undefined;
}

/** GitOps markers, in the order they are looked for. */
const GITOPS_MARKERS: [
  tool: 'Argo CD' | 'Flux',
  where: 'labels' | 'annotations',
  key: string,
][] = [
  ['Argo CD', 'annotations', 'argocd.argoproj.io/tracking-id'],
  ['Argo CD', 'labels', 'app.kubernetes.io/instance'],
  ['Flux', 'labels', 'kustomize.toolkit.fluxcd.io/name'],
  ['Flux', 'labels', 'helm.toolkit.fluxcd.io/name'],
];

/** Which GitOps tool manages the object, from its label or annotation. */
export function readGitOps(r: Reader): KmopRolloutView['gitOps'] {
  for (const [tool, where, key] of GITOPS_MARKERS) {
    const value = r.str(['metadata', where, key]);
    if (value !== undefined && value !== '') {
      return {
        tool,
        marker: `${
          where === 'labels' ? 'label' : 'annotation'
        } ${key}=${value}`,
      };
    }
  }
  return undefined;
}
