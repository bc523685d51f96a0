import { alertBurns } from '@kmop/plugin-kmop-common';
import type { KmopSloView } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { KmopItem } from '../shared/KmopItem';
import { ShareBar } from '../shared/ShareBar';
import {
  formatBurn,
  formatClock,
  formatPercent,
  formatWindow,
} from '../shared/format';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  value: {
    fontSize: '1.25rem',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/** An SLO read like a budget statement: objective, budget in time, what is left, burn per alert. */
export function SloItem(props: { slo: KmopSloView }) {
  const { slo } = props;
  const classes = useStyles();
  return (
    <KmopItem
      item={slo}
      title={slo.name}
      summary={
        <>
          <Box className={classes.facts}>
            <Fact label="Objective">
              <span data-testid="kmop-slo-objective">{objectiveText(slo)}</span>
              {slo.window && slo.defaults?.includes('window') && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                  data-testid="kmop-slo-window-default"
                >
                  window not set: the tool's default
                </Typography>
              )}
            </Fact>
            <Fact label="Error budget">
              <span data-testid="kmop-slo-budget-time">{budgetText(slo)}</span>
            </Fact>
            <Measured slo={slo} />
          </Box>
          <DataSource slo={slo} />
          <AlertsTable slo={slo} />
        </>
      }
    >
      <Indicator slo={slo} />
    </KmopItem>
  );
}

/** `99.9% over 30 days`; whether the window is a default is said beside it. */
function objectiveText(slo: KmopSloView): string {
  if (slo.objective === undefined) return 'Not set or malformed';
  if (!slo.window) return `${formatPercent(slo.objective)}, window not set`;
  return `${formatPercent(slo.objective)} over ${formatWindow(slo.window)}`;
}

/** The budget as time over the window: `43.2 minutes per 30 days`. */
function budgetText(slo: KmopSloView): string {
  if (!slo.errorBudget || !slo.window) {
    return 'Cannot be computed without a valid objective and window';
  }
  if (slo.errorBudget.ratio === 0)
    return 'None: a 100% objective allows no errors';
  return `${slo.errorBudget.text} per ${formatWindow(slo.window)} (${
    slo.errorBudget.percent
  }%)`;
}

function Fact(props: { label: string; children: React.ReactNode }) {
  const classes = useStyles();
  return (
    <Box>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography className={classes.value} component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/** SLI and budget remaining, or a plain "no data" — never a 0% standing in for unknown. */
function Measured(props: { slo: KmopSloView }) {
  const { slo } = props;
  const theme = useTheme();
  if (slo.sli === undefined && slo.errorBudgetRemaining === undefined) {
    return (
      <Fact label="Measured">
        <span data-testid="kmop-slo-no-data">No data</span>
      </Fact>
    );
  }
  const remaining = slo.errorBudgetRemaining;
  let color = theme.palette.success.main;
  if (remaining !== undefined && remaining < 0.25)
    color = theme.palette.warning.main;
  if (remaining !== undefined && remaining <= 0)
    color = theme.palette.error.main;
  return (
    <>
      <Fact label={slo.window ? `SLI over ${formatWindow(slo.window)}` : 'SLI'}>
        <span data-testid="kmop-slo-sli">
          {slo.sli !== undefined ? formatPercent(slo.sli) : 'No data'}
        </span>
      </Fact>
      <Fact label="Budget remaining">
        {remaining !== undefined ? (
          <>
            <span data-testid="kmop-slo-budget-remaining">
              {formatPercent(remaining, 1)}
              {remaining < 0 ? ' (overspent)' : ''}
            </span>
            <ShareBar
              value={remaining}
              color={color}
              label={`Error budget remaining: ${formatPercent(remaining, 1)}`}
            />
          </>
        ) : (
          'No data'
        )}
      </Fact>
    </>
  );
}

function DataSource(props: { slo: KmopSloView }) {
  const { slo } = props;
  const at = slo.evaluatedAt
    ? `, evaluated at ${formatClock(slo.evaluatedAt)}`
    : '';
  const text = {
    prometheus: `Figures from Prometheus, computed from the SLO's own queries${at}.`,
    status: `Figures from the SLO's status, as its operator wrote them${at}.`,
    none: 'No data: no Prometheus is configured for this cluster and the SLO has no status with figures.',
  }[slo.dataSource];
  return (
    <Typography variant="body2" color="textSecondary">
      {text}
    </Typography>
  );
}

function AlertsTable(props: { slo: KmopSloView }) {
  const { slo } = props;
  const burns = alertBurns(slo);
  if (burns.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No burn-rate alerts defined.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Burn-rate alerts of ${slo.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Alert</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Windows</TableCell>
          <TableCell>Threshold</TableCell>
          <TableCell>Current burn (long / short)</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {burns.map(({ alert, longRate, shortRate, firing }) => (
          <TableRow
            key={`${alert.name}-${alert.severity}-${alert.longWindow}-${alert.shortWindow}`}
            data-testid="kmop-slo-alert"
          >
            <TableCell>
              {alert.name ?? '—'}
              {alert.labels && Object.keys(alert.labels).length > 0 && (
                <Typography
                  variant="caption"
                  component="div"
                  color="textSecondary"
                >
                  {Object.entries(alert.labels)
                    .map(([key, value]) => `${key}=${value}`)
                    .join(', ')}
                </Typography>
              )}
            </TableCell>
            <TableCell>{alert.severity}</TableCell>
            <TableCell>
              {alert.longWindow} / {alert.shortWindow}
            </TableCell>
            <TableCell>{formatBurn(alert.threshold)}</TableCell>
            <TableCell>
              {longRate !== undefined ? formatBurn(longRate) : 'no data'} /{' '}
              {shortRate !== undefined ? formatBurn(shortRate) : 'no data'}
            </TableCell>
            <TableCell>
              <AlertState firing={firing} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function AlertState(props: { firing?: boolean }) {
  if (props.firing === undefined) return <>no data</>;
  return props.firing ? <strong>firing</strong> : <>not firing</>;
}

function Indicator(props: { slo: KmopSloView }) {
  const { slo } = props;
  const { indicator } = slo;
  const queries: [string, string | undefined][] = [
    ['Errors', indicator.errorQuery],
    ['Total', indicator.totalQuery],
    ['Error ratio', indicator.errorRatioQuery],
    ['Good', indicator.goodQuery],
  ];
  return (
    <Box>
      {slo.description && (
        <Typography variant="body2" paragraph>
          {slo.description}
        </Typography>
      )}
      <Typography variant="body2">
        Indicator: {indicator.type}
        {indicator.threshold
          ? `, latency threshold ${indicator.threshold}`
          : ''}
      </Typography>
      {queries
        .filter(([, query]) => query)
        .map(([label, query]) => (
          <Typography variant="body2" key={label}>
            {label}: <code>{query}</code>
          </Typography>
        ))}
      {slo.burnRates.length > 0 && (
        <Typography variant="body2">
          Burn rates:{' '}
          {slo.burnRates
            .map(burn => `${burn.window} ${formatBurn(burn.rate)}`)
            .join(', ')}
        </Typography>
      )}
    </Box>
  );
}
