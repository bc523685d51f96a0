import type { KmopRolloutView } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { OperationButtons } from '../operations/OperationButtons';
import { ErrorText } from '../shared/ErrorText';
import { KmopItem } from '../shared/KmopItem';
import { formatAge, formatClock } from '../shared/format';
import { describeMatch } from './describeMatch';
import { strategyLabel } from './describeStep';
import { RolloutSteps } from './RolloutSteps';
import { TrafficSplit } from './TrafficSplit';

/** A rollout: strategy and phase, steps, traffic split, and what holds it up. */
export function RolloutItem(props: { rollout: KmopRolloutView }) {
  const { rollout } = props;
  return (
    <KmopItem
      item={rollout}
      title={rollout.source.name}
      summary={
        <>
          <RolloutSummary rollout={rollout} />
          <OperationButtons rollout={rollout} />
        </>
      }
    >
      <RolloutDetails rollout={rollout} />
    </KmopItem>
  );
}

export function RolloutSummary(props: { rollout: KmopRolloutView }) {
  const { rollout } = props;
  return (
    <Box>
      <Typography variant="body1" data-testid="kmop-rollout-phase">
        {strategyLabel(rollout.strategy)}
        {rollout.phase ? ` · ${rollout.phase}` : ''}
      </Typography>
      {rollout.aborted && (
        <ErrorText variant="body2" role="alert">
          Aborted{rollout.message ? `: ${rollout.message}` : ''}
        </ErrorText>
      )}
      {!rollout.aborted &&
        rollout.message &&
        // Argo repeats the pause reason as the message; say it once.
        !rollout.pauseReasons.includes(rollout.message) && (
          <Typography variant="body2">{rollout.message}</Typography>
        )}
      {rollout.paused && (
        <Typography variant="body2" data-testid="kmop-rollout-paused">
          Paused
          {rollout.pauseStartedAt
            ? ` since ${formatClock(rollout.pauseStartedAt)} (${formatAge(
                rollout.pauseStartedAt,
              )})`
            : ''}
          {rollout.pauseReasons.length > 0
            ? `: ${rollout.pauseReasons.join(', ')}`
            : ''}
        </Typography>
      )}
      <RolloutSteps rollout={rollout} />
      <TrafficSplit rollout={rollout} />
      {rollout.strategy === 'blueGreen' && rollout.services && (
        <Typography variant="body2" data-testid="kmop-rollout-bluegreen">
          Active: {rollout.services.active ?? 'not reported'} · Preview:{' '}
          {rollout.services.preview ?? 'not reported'}
        </Typography>
      )}
      {rollout.analysis && (
        <Typography variant="body2">
          Analysis{rollout.analysis.name ? ` ${rollout.analysis.name}` : ''}:{' '}
          {rollout.analysis.status}
          {rollout.analysis.message ? ` — ${rollout.analysis.message}` : ''}
        </Typography>
      )}
      {rollout.failedChecks !== undefined && (
        <Typography variant="body2" data-testid="kmop-rollout-failed-checks">
          Failed checks: {rollout.failedChecks}
          {rollout.failureThreshold !== undefined
            ? ` of ${rollout.failureThreshold}${markDefault(
                rollout,
                'failureThreshold',
              )} (rolls back at ${rollout.failureThreshold})`
            : ''}
        </Typography>
      )}
      {rollout.promoted && (
        <Typography variant="body2">
          Promoted: {rollout.promoted.status}
          {rollout.promoted.reason ? ` (${rollout.promoted.reason})` : ''}
          {rollout.promoted.message ? ` — ${rollout.promoted.message}` : ''}
        </Typography>
      )}
    </Box>
  );
}

function RolloutDetails(props: { rollout: KmopRolloutView }) {
  const { rollout } = props;
  const rows: [string, string][] = [];
  if (rollout.revision) rows.push(['Revision', rollout.revision]);
  if (rollout.target)
    rows.push(['Target', `${rollout.target.kind} ${rollout.target.name}`]);
  if (rollout.stableRevision)
    rows.push(['Stable revision', rollout.stableRevision]);
  if (rollout.canaryRevision)
    rows.push(['Canary revision', rollout.canaryRevision]);
  const replicas = rollout.replicas;
  if (replicas) {
    const parts = (
      ['desired', 'total', 'updated', 'ready', 'available'] as const
    ).flatMap(key =>
      replicas[key] !== undefined
        ? [`${replicas[key]} ${key}${markDefault(rollout, `replicas.${key}`)}`]
        : [],
    );
    if (parts.length > 0) rows.push(['Replicas', parts.join(', ')]);
  }
  const services = rollout.services;
  if (services) {
    const parts = (['active', 'preview', 'stable', 'canary'] as const).flatMap(
      key => (services[key] ? [`${key} ${services[key]}`] : []),
    );
    if (parts.length > 0) rows.push(['Services', parts.join(', ')]);
  }
  if (rollout.rolling) {
    const { maxSurge, maxUnavailable } = rollout.rolling;
    const parts: string[] = [];
    if (maxSurge !== undefined)
      parts.push(
        `max surge ${maxSurge}${markDefault(rollout, 'rolling.maxSurge')}`,
      );
    if (maxUnavailable !== undefined)
      parts.push(
        `max unavailable ${maxUnavailable}${markDefault(
          rollout,
          'rolling.maxUnavailable',
        )}`,
      );
    if (parts.length > 0) rows.push(['Rolling update', parts.join(', ')]);
  }
  if (rollout.servicePort !== undefined)
    rows.push(['Service port', String(rollout.servicePort)]);
  for (const routing of rollout.trafficRouting ?? []) {
    const resource = routing.resource
      ? ` via ${routing.resource.kind} ${
          routing.resource.namespace ? `${routing.resource.namespace}/` : ''
        }${routing.resource.name}`
      : '';
    const routes = routing.routes?.length
      ? ` (routes ${routing.routes.join(', ')})`
      : '';
    rows.push(['Traffic routing', `${routing.provider}${resource}${routes}`]);
  }
  const plan = rollout.analysisPlan;
  if (plan) {
    const parts: string[] = [];
    if (plan.interval) parts.push(`every ${plan.interval}`);
    if (plan.threshold !== undefined)
      parts.push(`rollback after ${plan.threshold} failed checks`);
    if (plan.stepWeights?.length)
      parts.push(`weights ${plan.stepWeights.join(', ')}%`);
    else if (plan.stepWeight !== undefined)
      parts.push(
        `+${plan.stepWeight}% per step${
          plan.maxWeight !== undefined ? ` up to ${plan.maxWeight}%` : ''
        }`,
      );
    if (plan.iterations !== undefined)
      parts.push(`${plan.iterations} iterations`);
    rows.push(['Analysis', parts.join(', ') || 'no schedule set']);
    plan.matches?.forEach((conditions, i) => {
      rows.push([
        plan.matches!.length > 1 ? `A/B match ${i + 1}` : 'A/B match',
        describeMatch(conditions),
      ]);
    });
    for (const metric of plan.metrics) {
      const range = metric.thresholdRange;
      const bounds = [
        range?.min !== undefined ? `≥ ${range.min}` : undefined,
        range?.max !== undefined ? `≤ ${range.max}` : undefined,
      ]
        .filter(Boolean)
        .join(' and ');
      rows.push([
        `Metric ${metric.name}`,
        [
          bounds || 'no threshold',
          metric.interval && `over ${metric.interval}`,
          metric.templateRef && `template ${metric.templateRef}`,
        ]
          .filter(Boolean)
          .join(', '),
      ]);
    }
    for (const webhook of plan.webhooks) {
      rows.push([
        `Webhook ${webhook.name}`,
        [webhook.type ?? 'rollout', webhook.url, webhook.timeout]
          .filter(Boolean)
          .join(', '),
      ]);
    }
  }
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The source reports no revisions, replicas or services.
      </Typography>
    );
  }
  return (
    <Box component="dl" m={0}>
      {rows.map(([label, value], i) => (
        <Box key={`${label}-${i}`} display="flex" gridGap={8}>
          <Typography component="dt" variant="body2" color="textSecondary">
            {label}:
          </Typography>
          <Typography component="dd" variant="body2" style={{ margin: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** ` (default)` when the object leaves `path` out and the tool's default is shown. */
function markDefault(rollout: KmopRolloutView, path: string): string {
  return rollout.defaults?.includes(path) ? ' (default)' : '';
}
