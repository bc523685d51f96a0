import * as resilience from './resilience';
import * as rollouts from './rollouts';
import * as routes from './routes';
import * as slos from './slos';
import { upstreamShapes } from './upstreamShapes';

export * from './resilience';
export * from './rollouts';
export * from './routes';
export * from './slos';
export * from './upstreamShapes';

/** Every fixture object, named `<group>.<state>` (e.g. `argoRollouts.degraded`). */
export const ALL_FIXTURES: [name: string, object: object][] = [
  routes,
  slos,
  rollouts,
  resilience,
  { upstreamShapes },
].flatMap(module =>
  Object.entries(module).flatMap(([group, states]) =>
    Object.entries(states as Record<string, object>).map(
      ([state, object]): [string, object] => [`${group}.${state}`, object],
    ),
  ),
);
