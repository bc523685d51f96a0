import { InfoCard } from '@backstage/core-components';
import type { KmopRolloutView, KmopSloView } from '@kmop/plugin-kmop-common';
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
import { RolloutSummary } from '../rollouts/RolloutItem';
import { alertBurns } from '../slos/alertBurn';
import { formatBurn, formatPercent } from '../shared/format';
import { releaseVerdict, ReleaseVerdict } from './releaseVerdict';

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
  rollout: KmopRolloutView;
  slos: KmopSloView[];
}) {
  const { rollout, slos } = props;
  const verdict = releaseVerdict(slos);
  return (
    <InfoCard
      title={`Release in progress: ${rollout.source.kind} ${rollout.source.name}`}
      subheader="The rollout's steps beside the burn of this service's SLOs"
    >
      <Box data-testid="kmop-release-panel">
        <Verdict verdict={verdict} />
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <RolloutSummary rollout={rollout} />
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

function Verdict(props: { verdict: ReleaseVerdict }) {
  const { verdict } = props;
  const classes = useStyles();
  const icon = {
    burning: <ErrorIcon color="error" />,
    healthy: <CheckCircleIcon style={{ color: '#2e7d32' }} />,
    unknown: <HelpIcon color="disabled" />,
    noSlos: <HelpIcon color="disabled" />,
  }[verdict.level];
  return (
    <Box
      className={`${classes.verdict} ${
        verdict.level === 'burning' ? classes.burning : ''
      }`}
      role="status"
      data-testid="kmop-release-verdict"
      data-level={verdict.level}
    >
      {icon}
      <Box>
        {verdict.sentences.map((sentence, i) => (
          <Typography
            key={sentence}
            variant="body2"
            style={i === 0 ? { fontWeight: 600 } : undefined}
          >
            {sentence}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

function SloBurn(props: { slo: KmopSloView }) {
  const { slo } = props;
  const burns = alertBurns(slo);
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
