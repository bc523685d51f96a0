import type {
  EntityReleaseJudgement,
  KmopRolloutView,
  ReleaseJudgement,
} from '@kmop/plugin-kmop-common';
import { createContext, useContext } from 'react';

/** The release judgement of the page's view, and every rollout item of it. */
export interface ReleaseContextValue {
  judgement: EntityReleaseJudgement;
  rollouts: readonly KmopRolloutView[];
}

export const ReleaseContext = createContext<ReleaseContextValue | undefined>(
  undefined,
);

/** The page's judgement, if the component sits inside the KMOP tab. */
export function useReleaseContext(): ReleaseContextValue | undefined {
  return useContext(ReleaseContext);
}

/** The release a rollout item belongs to: its own, or the one of the item driving it. */
export function releaseOf(
  value: ReleaseContextValue | undefined,
  rollout: KmopRolloutView,
): ReleaseJudgement | undefined {
  return value?.judgement.releases.find(
    r => r.rollout.id === rollout.id || r.driven.some(d => d.id === rollout.id),
  );
}
