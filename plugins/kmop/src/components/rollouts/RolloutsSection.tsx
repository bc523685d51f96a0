import type { KmopRolloutView } from '@kmop/plugin-kmop-common';
import { SectionCard } from '../shared/SectionCard';
import { RolloutItem } from './RolloutItem';

export function RolloutsSection(props: { rollouts: KmopRolloutView[] }) {
  return (
    <SectionCard
      title="Rollouts"
      count={props.rollouts.length}
      empty="No rollout found. Add a KMOP RolloutPolicy with spec.serviceRef set to this service, or label its Argo Rollout, Flagger Canary or Deployment for it."
    >
      {props.rollouts.map(rollout => (
        <RolloutItem key={rollout.id} rollout={rollout} />
      ))}
    </SectionCard>
  );
}
