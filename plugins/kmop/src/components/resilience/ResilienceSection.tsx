import type { KmopResilienceView } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { SectionCard } from '../shared/SectionCard';
import { ResilienceItem } from './ResilienceItem';

const NO_TARGET = 'Target not stated';

/** Resilience policies grouped by what they apply to, one row per source object. */
export function ResilienceSection(props: { resilience: KmopResilienceView[] }) {
  const groups = new Map<string, KmopResilienceView[]>();
  for (const policy of props.resilience) {
    const target = policy.target ?? NO_TARGET;
    groups.set(target, [...(groups.get(target) ?? []), policy]);
  }
  return (
    <SectionCard
      title="Resilience"
      count={props.resilience.length}
      empty="No resilience policy found. Add a KMOP ResiliencePolicy for this service, or label its Istio DestinationRule, Envoy Gateway BackendTrafficPolicy, PodDisruptionBudget or HorizontalPodAutoscaler for it."
    >
      {[...groups.entries()].map(([target, policies]) => (
        <Box key={target} mb={2} data-testid="kmop-resilience-target">
          <Typography variant="subtitle2" component="h4" gutterBottom>
            {target === NO_TARGET ? target : `Target: ${target}`}
          </Typography>
          {policies.map(policy => (
            <ResilienceItem key={policy.id} policy={policy} />
          ))}
        </Box>
      ))}
    </SectionCard>
  );
}
