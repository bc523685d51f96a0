import { InfoCard } from '@backstage/core-components';
import type { ReleaseJudgement, ReleaseSlo } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import { OperationButtons } from '../operations/OperationButtons';
import { RolloutSummary } from '../rollouts/RolloutItem';
import { formatBurn, formatPercent } from '../shared/format';

const useStyles = makeStyles(theme => ({
  verdict: {
    display: 'flex',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1.5, 2),
    borderRadius: theme.shape.borderRadius,
    marginBottom: theme.spacing(2),
    border: `1px solid ${theme.palette.divider}`,
  },
  burning: {
    borderColor: theme.palette.error.main,
    background:
      theme.palette.type === 'dark'
        ? 'rgba(244, 67, 54, 0.12)'
        : 'rgba(244, 67, 54, 0.06)',
  },
}));

/**
 * The release view: a rollout in progress beside the burn of the same service's SLOs, with
 * the verdict in words.
 */
export function ReleasePanel(props: {
  release: ReleaseJudgement;
  slos: ReleaseSlo[];
}) {
  const { release, slos } = props;
  const { rollout } = release;
  return (
    <InfoCard
      title={`Release in progress: ${rollout.source.kind} ${rollout.source.name}`}
      subheader="The rollout's steps beside the burn of this service's SLOs"
    >
      <Box data-testid="kmop-release-panel">
        <Verdict release={release} />
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <RolloutSummary rollout={rollout} />
            <OperationButtons rollout={rollout} />
            {release.driven.map(item => (
              <Typography
                key={item.id}
                variant="body2"
                color="textSecondary"
                data-testid="kmop-release-driven"
              >
                Drives {item.source.kind} {item.source.name}:{' '}
                {item.healthReason}
              </Typography>
            ))}
          </Grid>
          <Grid item xs={12} md={6}>
            {slos.map(slo => (
              <SloBurn key={slo.id} slo={slo} />
            ))}
          </Grid>
        </Grid>
      </Box>
    </InfoCard>
  );
}

const ICONS: Record<ReleaseJudgement['level'], JSX.Element> = {
  aborted: <ErrorIcon color="error" />,
  'at-risk': <ErrorIcon color="error" />,
  healthy: <CheckCircleIcon style={{ color: '#2e7d32' }} />,
  unjudged: <HelpIcon color="disabled" />,
  'no-slo': <HelpIcon color="disabled" />,
};

function Verdict(props: { release: ReleaseJudgement }) {
  const { release } = props;
  const classes = useStyles();
  const alarming = release.level === 'at-risk' || release.level === 'aborted';
  return (
    <Box
      className={`${classes.verdict} ${alarming ? classes.burning : ''}`}
      role="status"
      data-testid="kmop-release-verdict"
      data-level={release.level}
    >
      {ICONS[release.level]}
      <Box>
        <Typography variant="body2" style={{ fontWeight: 600 }}>
          {release.headline}
        </Typography>
        {release.reasons
          .filter(reason => reason.text !== release.headline)
          .map(reason => (
            <Typography
              key={reason.text}
              variant="body2"
              data-reason={reason.kind}
            >
              {reason.text}
            </Typography>
          ))}
      </Box>
    </Box>
  );
}

function SloBurn(props: { slo: ReleaseSlo }) {
  const { slo } = props;
  const burns = slo.burns;
  return (
    <Box mb={2} data-testid="kmop-release-slo">
      <Typography variant="subtitle2" component="h4">
        {slo.name}
        {slo.objective !== undefined
          ? ` · ${formatPercent(slo.objective)}`
          : ''}
      </Typography>
      <Typography variant="body2">
        Budget remaining:{' '}
        {slo.errorBudgetRemaining !== undefined
          ? formatPercent(slo.errorBudgetRemaining, 1)
          : 'no data'}
      </Typography>
      {burns.length > 0 && (
        <Table size="small" aria-label={`Burn of ${slo.name} per alert`}>
          <TableHead>
            <TableRow>
              <TableCell>Alert</TableCell>
              <TableCell>Burn (long / short)</TableCell>
              <TableCell>Threshold</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {burns.map(({ alert, longRate, shortRate, firing }) => (
              <TableRow
                key={`${alert.name}-${alert.severity}-${alert.longWindow}-${alert.shortWindow}`}
              >
                <TableCell>
                  {alert.severity} {alert.longWindow}/{alert.shortWindow}
                </TableCell>
                <TableCell>
                  {longRate !== undefined ? formatBurn(longRate) : 'no data'} /{' '}
                  {shortRate !== undefined ? formatBurn(shortRate) : 'no data'}
                </TableCell>
                <TableCell>{formatBurn(alert.threshold)}</TableCell>
                <TableCell>
                  {firing === undefined && 'no data'}
                  {firing === true && <strong>firing</strong>}
                  {firing === false && 'not firing'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
