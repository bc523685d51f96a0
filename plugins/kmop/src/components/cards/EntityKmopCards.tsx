import { InfoCard } from '@backstage/core-components';
import { ResilienceSection } from '../resilience/ResilienceSection';
import { RolloutsSection } from '../rollouts/RolloutsSection';
import { RoutesSection } from '../routes/RoutesSection';
import { KmopViewBoundary } from '../shared/KmopViewBoundary';
import { SlosSection } from '../slos/SlosSection';
import { ClusterErrors } from '../summary/ClusterErrors';
import { SummaryStrip } from '../summary/SummaryStrip';

/**
 * The entity's gateway routes, for the overview page.
 *
 * @public
 */
export function EntityKmopRoutesCard() {
  return (
    <KmopViewBoundary>
      {view => (
        <>
          <ClusterErrors clusters={view.clusters} />
          <RoutesSection routes={view.routes} />
        </>
      )}
    </KmopViewBoundary>
  );
}

/**
 * The entity's SLOs with error budgets and burn rates, for the overview page.
 *
 * @public
 */
export function EntityKmopSlosCard() {
  return (
    <KmopViewBoundary>
      {view => (
        <>
          <ClusterErrors clusters={view.clusters} />
          <SlosSection slos={view.slos} />
        </>
      )}
    </KmopViewBoundary>
  );
}

/**
 * The entity's rollouts with their steps, for the overview page.
 *
 * @public
 */
export function EntityKmopRolloutsCard() {
  return (
    <KmopViewBoundary>
      {view => (
        <>
          <ClusterErrors clusters={view.clusters} />
          <RolloutsSection rollouts={view.rollouts} />
        </>
      )}
    </KmopViewBoundary>
  );
}

/**
 * The entity's resilience policies by target, for the overview page.
 *
 * @public
 */
export function EntityKmopResilienceCard() {
  return (
    <KmopViewBoundary>
      {view => (
        <>
          <ClusterErrors clusters={view.clusters} />
          <ResilienceSection resilience={view.resilience} />
        </>
      )}
    </KmopViewBoundary>
  );
}

/**
 * A compact health summary: counts by health per section and each cluster's state.
 *
 * @public
 */
export function EntityKmopHealthCard() {
  return (
    <InfoCard title="KMOP health">
      <KmopViewBoundary>
        {view => (
          <>
            <ClusterErrors clusters={view.clusters} />
            <SummaryStrip view={view} />
          </>
        )}
      </KmopViewBoundary>
    </InfoCard>
  );
}
