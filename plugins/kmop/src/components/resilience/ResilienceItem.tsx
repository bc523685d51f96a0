import type {
  KmopResilienceSetting,
  KmopResilienceView,
} from '@kmop/plugin-kmop-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { KmopItem } from '../shared/KmopItem';

export const SETTING_LABELS: Record<KmopResilienceSetting['type'], string> = {
  timeout: 'Timeout',
  retry: 'Retries',
  circuitBreaker: 'Circuit breaker',
  connectionPool: 'Connection pool',
  outlierDetection: 'Outlier detection',
  rateLimit: 'Rate limit',
  bulkhead: 'Bulkhead',
  fault: 'Fault injection',
  disruptionBudget: 'Disruption budget',
  autoscaling: 'Autoscaling',
};

/** One source object's resilience settings, read like a policy sheet. */
export function ResilienceItem(props: { policy: KmopResilienceView }) {
  const { policy } = props;
  return (
    <KmopItem
      item={policy}
      title={`${policy.source.kind} ${policy.source.name}`}
      summary={<SettingsTable policy={policy} />}
    >
      <ValuesTable policy={policy} />
    </KmopItem>
  );
}

function SettingsTable(props: { policy: KmopResilienceView }) {
  const { policy } = props;
  if (policy.settings.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The object sets nothing KMOP reads.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Settings of ${policy.source.name}`}>
      <TableBody>
        {policy.settings.map((setting, index) => (
          <TableRow
            // A policy can hold two settings of one type (e.g. two retry rules).
            key={`${setting.type}-${index}`}
            data-testid="kmop-resilience-setting"
          >
            <TableCell component="th" scope="row" style={{ width: 200 }}>
              {SETTING_LABELS[setting.type] ?? setting.type}
            </TableCell>
            <TableCell>{setting.summary}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ValuesTable(props: { policy: KmopResilienceView }) {
  const rows = props.policy.settings.flatMap((setting, index) =>
    Object.entries(setting.values).map(([key, value]) => ({
      key: `${setting.type}-${index}-${key}`,
      setting: SETTING_LABELS[setting.type] ?? setting.type,
      name: key,
      value: String(value),
    })),
  );
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No individual values.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Values of ${props.policy.source.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Setting</TableCell>
          <TableCell>Field</TableCell>
          <TableCell>Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.key}>
            <TableCell>{row.setting}</TableCell>
            <TableCell>{row.name}</TableCell>
            <TableCell>{row.value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
