import type { KmopEntityView } from '@kmop/plugin-kmop-common';
import Grid from '@material-ui/core/Grid';
import { ReleasePanel } from '../release/ReleasePanel';
import { ResilienceSection } from '../resilience/ResilienceSection';
import { isRolloutInProgress } from '../rollouts/describeStep';
import { RolloutsSection } from '../rollouts/RolloutsSection';
import { RoutesSection } from '../routes/RoutesSection';
import { KmopViewBoundary } from '../shared/KmopViewBoundary';
import { SlosSection } from '../slos/SlosSection';
import { ClusterErrors } from '../summary/ClusterErrors';
import { SummaryStrip } from '../summary/SummaryStrip';
import { NothingFound } from './NothingFound';

/**
 * The KMOP tab of an entity: summary strip, per-cluster errors, the release view while a
 * rollout is in progress, then routes, SLOs, rollouts and resilience.
 *
 * @public
 */
export function EntityKmopContent() {
  return (
    <KmopViewBoundary>{view => <KmopPage view={view} />}</KmopViewBoundary>
  );
}

function KmopPage(props: { view: KmopEntityView }) {
  const { view } = props;
  const itemCount =
    view.routes.length +
    view.slos.length +
    view.rollouts.length +
    view.resilience.length;
  const inProgress = view.rollouts.filter(isRolloutInProgress);
  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <ClusterErrors clusters={view.clusters} />
        <SummaryStrip view={view} />
      </Grid>
      {itemCount === 0 ? (
        <Grid item>
          <NothingFound view={view} />
        </Grid>
      ) : (
        <>
          {inProgress.map(rollout => (
            <Grid item key={`release-${rollout.id}`}>
              <ReleasePanel rollout={rollout} slos={view.slos} />
            </Grid>
          ))}
          <Grid item>
            <RoutesSection routes={view.routes} />
          </Grid>
          <Grid item>
            <SlosSection slos={view.slos} />
          </Grid>
          <Grid item>
            <RolloutsSection rollouts={view.rollouts} />
          </Grid>
          <Grid item>
            <ResilienceSection resilience={view.resilience} />
          </Grid>
        </>
      )}
    </Grid>
  );
}
