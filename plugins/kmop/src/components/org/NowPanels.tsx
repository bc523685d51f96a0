import { InfoCard } from '@backstage/core-components';
import type { KmopOrgPage } from '@kmop/plugin-kmop-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { formatBurn } from '../shared/format';
import { shortRef } from './ServicesTable';

/** "Rollouts in progress now" and "SLOs burning now", over every matching service. */
export function NowPanels(props: { page: KmopOrgPage }) {
  const { rolloutsInProgress, slosBurning } = props.page;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Rollouts in progress now">
          {rolloutsInProgress.length === 0 ? (
            <Typography variant="body2">No rollout is in progress.</Typography>
          ) : (
            <ul aria-label="Rollouts in progress now">
              {rolloutsInProgress.map(r => (
                <li key={`${r.entityRef}/${r.cluster}/${r.kind}/${r.name}`}>
                  <Typography variant="body2">
                    {shortRef(r.entityRef)}: {r.kind} {r.name} in {r.cluster} —{' '}
                    {r.strategy}
                    {r.canaryWeight !== undefined
                      ? `, canary at ${r.canaryWeight}%`
                      : ''}
                    {r.paused ? ', paused' : ''}
                    {r.phase ? ` (${r.phase})` : ''}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="SLOs burning now">
          {slosBurning.length === 0 ? (
            <Typography variant="body2">
              No SLO is burning its budget faster than it earns it.
            </Typography>
          ) : (
            <ul aria-label="SLOs burning now">
              {slosBurning.map(s => (
                <li key={`${s.entityRef}/${s.cluster}/${s.name}`}>
                  <Typography variant="body2">
                    {shortRef(s.entityRef)}: {s.name} in {s.cluster}
                    {s.burnRate
                      ? ` — burning ${formatBurn(s.burnRate.rate)} over ${
                          s.burnRate.window
                        }`
                      : ''}
                    {s.firing.length ? `; firing: ${s.firing.join(', ')}` : ''}
                    {s.errorBudgetRemaining !== undefined
                      ? `; ${Math.round(
                          s.errorBudgetRemaining * 100,
                        )}% budget left`
                      : ''}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
