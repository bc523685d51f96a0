import type { KmopSloView } from '@kmop/plugin-kmop-common';
import { SectionCard } from '../shared/SectionCard';
import { SloItem } from './SloItem';

export function SlosSection(props: { slos: KmopSloView[] }) {
  return (
    <SectionCard
      title="Service level objectives"
      count={props.slos.length}
      empty="No SLO found. Add a KMOP ServiceLevelObjective with spec.serviceRef set to this service, or a Sloth PrometheusServiceLevel or Pyrra ServiceLevelObjective labelled for it."
    >
      {props.slos.map(slo => (
        <SloItem key={slo.id} slo={slo} />
      ))}
    </SectionCard>
  );
}
