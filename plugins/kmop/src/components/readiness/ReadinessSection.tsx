import {
  InfoCard,
  Link,
  ResponseErrorPanel,
  Progress,
} from '@backstage/core-components';
import {
  READINESS_COMPONENT_TITLES,
  READINESS_COMPONENTS,
  type ReadinessCheckResult,
  type ReadinessEvidence,
} from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { KmopEntityReadinessResponse } from '../../api';
import { day2TemplateLink, TEMPLATE_TITLES } from './day2Template';
import { formatScore, ReadinessStatusIcon } from './ReadinessStatusIcon';
import { useEntityReadiness } from './useEntityReadiness';

/**
 * The readiness section of the KMOP tab: every check by component, with its evidence and
 * what to do; a failing check that a KMOP resource fixes links to the day-2 template.
 */
export function ReadinessSection(props: { refreshKey?: string }) {
  const { value, error } = useEntityReadiness(props.refreshKey);
  return (
    <InfoCard
      title="Readiness"
      subheader={value ? summaryLine(value) : undefined}
    >
      {value && <ReadinessChecks response={value} />}
      {!value && error && (
        <ResponseErrorPanel
          error={error}
          title="Could not read the readiness"
        />
      )}
      {!value && !error && <Progress />}
    </InfoCard>
  );
}

export function summaryLine(value: KmopEntityReadinessResponse): string {
  const { counts, score } = value.readiness;
  return `Score ${formatScore(score)} — ${counts.pass} pass, ${
    counts.warn
  } warning, ${counts.fail} fail, ${counts.notApplicable} not applicable`;
}

function ReadinessChecks(props: { response: KmopEntityReadinessResponse }) {
  const { checks } = props.response.readiness;
  // A service with nothing running fails most checks for that one reason: said once.
  const nothingRuns = checks.filter(c => c.nothingRuns);
  const others = checks.filter(c => !c.nothingRuns);
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      {nothingRuns.length > 0 && <NothingRuns checks={nothingRuns} />}
      {READINESS_COMPONENTS.map(component => {
        const own = others.filter(c => c.component === component);
        if (own.length === 0) return null;
        return (
          <Box
            key={component}
            component="section"
            aria-label={READINESS_COMPONENT_TITLES[component]}
          >
            <Typography variant="subtitle2" component="h3">
              {READINESS_COMPONENT_TITLES[component]}
            </Typography>
            {own.map(check => (
              <CheckRow
                key={check.id}
                check={check}
                entityRef={props.response.entityRef}
              />
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

/** One line for every check that fails because nothing of the service runs; the checks on demand. */
function NothingRuns(props: { checks: ReadinessCheckResult[] }) {
  const { checks } = props;
  const [first] = checks;
  const [open, setOpen] = useState(false);
  return (
    <Box
      component="section"
      aria-label="Nothing of this service runs"
      data-testid="readiness-nothing-runs"
    >
      <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
        <ReadinessStatusIcon status="fail" />
        <Typography variant="body2">
          <strong>{first.summary}</strong>{' '}
          {first.evidence.map(describeEvidence).join(' ')}
        </Typography>
        <Button
          size="small"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
        >
          {open ? 'Hide the checks' : `${checks.length} checks fail for this`}
        </Button>
      </Box>
      {first.remedy && (
        <Box pl={4}>
          <Typography variant="body2">
            What to do: {first.remedy.text}
          </Typography>
        </Box>
      )}
      {open && (
        <Box pl={4}>
          <ul>
            {checks.map(c => (
              <li key={c.id} data-testid={`readiness-check-${c.id}`}>
                <Typography variant="body2">
                  {READINESS_COMPONENT_TITLES[c.component]}: {c.title}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Box>
  );
}

function CheckRow(props: { check: ReadinessCheckResult; entityRef: string }) {
  const { check, entityRef } = props;
  const [open, setOpen] = useState(check.status === 'fail');
  return (
    <Box py={0.5} data-testid={`readiness-check-${check.id}`}>
      <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
        <ReadinessStatusIcon status={check.status} />
        <Typography variant="body2">
          <strong>{check.title}</strong> — {check.summary}
        </Typography>
        <Button
          size="small"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
        >
          {open ? 'Hide evidence' : 'Evidence'}
        </Button>
        {check.remedy?.template && (
          <Link to={day2TemplateLink(entityRef, check.remedy.template)}>
            {TEMPLATE_TITLES[check.remedy.template]}
          </Link>
        )}
      </Box>
      {open && (
        <Box pl={4}>
          <ul>
            {check.evidence.map((e, i) => (
              <li key={i}>
                <Typography variant="body2">{describeEvidence(e)}</Typography>
              </li>
            ))}
          </ul>
          {check.remedy && (
            <Typography variant="body2">
              What to do: {check.remedy.text}
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}

export function describeEvidence(e: ReadinessEvidence): string {
  if (!e.kind) return e.note;
  const where = [e.namespace, e.name].filter(Boolean).join('/');
  return `${e.kind} ${where}${e.cluster ? ` in ${e.cluster}` : ''}: ${e.note}`;
}
