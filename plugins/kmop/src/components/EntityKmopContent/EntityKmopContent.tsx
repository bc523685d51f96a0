import { judgeReleases } from '@kmop/plugin-kmop-common';
import type { KmopEntityView } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import { ReleaseContext } from '../release/ReleaseContext';
import { ReleasePanel } from '../release/ReleasePanel';
import { ResilienceSection } from '../resilience/ResilienceSection';
import { RolloutsSection } from '../rollouts/RolloutsSection';
import { RoutesSection } from '../routes/RoutesSection';
import { KmopViewBoundary } from '../shared/KmopViewBoundary';
import { SlosSection } from '../slos/SlosSection';
import { ClusterErrors } from '../summary/ClusterErrors';
import { SummaryStrip } from '../summary/SummaryStrip';
import { NothingFound } from './NothingFound';
import { ReadinessSection } from '../readiness/ReadinessSection';
import { StillSyncing } from './StillSyncing';

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
  const judgement = judgeReleases(view);
  return (
    <ReleaseContext.Provider value={{ judgement, rollouts: view.rollouts }}>
      {/* kmop-tab: the tab's own content, apart from the Overview's KMOP cards (yarn bench:page). */}
      <Box
        display="flex"
        flexDirection="column"
        gridGap={24}
        data-testid="kmop-tab"
      >
        <Box>
          <ClusterErrors clusters={view.clusters} />
          <SummaryStrip view={view} />
        </Box>
        {itemCount === 0 ? (
          <NothingYet view={view} />
        ) : (
          <>
            {judgement.releases.map(release => (
              <ReleasePanel
                key={`release-${release.rollout.id}`}
                release={release}
                slos={judgement.slos}
              />
            ))}
            <RoutesSection routes={view.routes} />
            <SlosSection slos={view.slos} />
            <RolloutsSection rollouts={view.rollouts} />
            <ResilienceSection resilience={view.resilience} />
          </>
        )}
        <ReadinessSection refreshKey={view.generatedAt} />
      </Box>
    </ReleaseContext.Provider>
  );
}

/** No item: "syncing" while a cluster's first list is not complete, else how to link resources. */
function NothingYet(props: { view: KmopEntityView }) {
  return props.view.clusters.some(c => c.state === 'syncing') ? (
    <StillSyncing view={props.view} />
  ) : (
    <NothingFound view={props.view} />
  );
}
