import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isKmopAvailable } from '@kmop/plugin-kmop-common';
import Typography from '@material-ui/core/Typography';
import { formatScore, ReadinessStatusIcon } from './ReadinessStatusIcon';
import { useEntityReadiness } from './useEntityReadiness';

/**
 * A compact readiness card for the overview: the score, the counts and the failing checks,
 * linking to the full section on the KMOP tab.
 *
 * @public
 */
export function EntityKmopReadinessCard() {
  const { entity } = useEntity();
  // Entities KMOP cannot link get no card at all (the tab explains the annotation).
  if (!isKmopAvailable(entity)) return <></>;
  return <ReadinessCard tabPath="kmop" />;
}

function ReadinessCard(props: { tabPath: string }) {
  const { value, error } = useEntityReadiness();
  const link = { title: 'All checks on the KMOP tab', link: props.tabPath };
  if (!value) {
    return (
      <InfoCard title="KMOP readiness">
        {error ? (
          <ResponseErrorPanel
            error={error}
            title="Could not read the readiness"
          />
        ) : (
          <Progress />
        )}
      </InfoCard>
    );
  }
  const { score, counts, checks } = value.readiness;
  // Checks that fail because nothing runs are one line, not one each.
  const nothingRuns = checks.filter(c => c.nothingRuns).length;
  const failing = checks.filter(c => c.status === 'fail' && !c.nothingRuns);
  return (
    <InfoCard title="KMOP readiness" deepLink={link}>
      <Typography variant="h4" component="p">
        {formatScore(score)}
      </Typography>
      <Typography variant="body2">
        {counts.pass} pass · {counts.warn} warning · {counts.fail} fail ·{' '}
        {counts.notApplicable} not applicable
      </Typography>
      {nothingRuns > 0 && (
        <Typography variant="body2" component="div">
          <ReadinessStatusIcon status="fail" /> Nothing of this service runs (
          {nothingRuns} checks)
        </Typography>
      )}
      {failing.slice(0, 5).map(c => (
        <Typography key={c.id} variant="body2" component="div">
          <ReadinessStatusIcon status={c.status} /> {c.title}
        </Typography>
      ))}
      {failing.length > 5 && (
        <Link to={props.tabPath}>and {failing.length - 5} more</Link>
      )}
    </InfoCard>
  );
}
