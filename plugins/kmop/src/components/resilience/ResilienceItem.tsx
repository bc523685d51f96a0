import type {
  KmopResilienceSetting,
  KmopResilienceView,
} from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
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
  loadBalancer: 'Load balancer',
  healthCheck: 'Health check',
  responseOverride: 'Response overrides',
  admissionControl: 'Admission control',
  bandwidthLimit: 'Bandwidth limit',
  compression: 'Compression',
  dns: 'DNS',
  proxyProtocol: 'Proxy protocol',
  clientProtocol: 'Client protocol',
  telemetry: 'Telemetry',
};

/** One source object's resilience settings, read like a policy sheet. */
export function ResilienceItem(props: { policy: KmopResilienceView }) {
  const { policy } = props;
  return (
    <KmopItem
      item={policy}
      title={`${policy.source.kind} ${policy.source.name}`}
      summary={
        <>
          <SettingsTable
            settings={policy.settings}
            label={`Settings of ${policy.source.name}`}
          />
          {policy.subsets?.map(subset => (
            <Box key={subset.name} mt={1} data-testid="kmop-resilience-subset">
              <Typography variant="body2">
                Subset <strong>{subset.name}</strong>
                {Object.keys(subset.labels).length > 0
                  ? ` (pods with ${Object.entries(subset.labels)
                      .map(([key, value]) => `${key}=${value}`)
                      .join(', ')})`
                  : ''}
              </Typography>
              {subset.settings.length > 0 && (
                <SettingsTable
                  settings={subset.settings}
                  label={`Settings of subset ${subset.name}`}
                />
              )}
            </Box>
          ))}
        </>
      }
    >
      <ValuesTable policy={policy} />
    </KmopItem>
  );
}

function SettingsTable(props: {
  settings: KmopResilienceSetting[];
  label: string;
}) {
  const { settings, label } = props;
  if (settings.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The object sets nothing KMOP reads.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {settings.map((setting, index) => (
          <TableRow
            // A policy can hold two settings of one type (e.g. two retry rules).
            key={`${setting.type}-${index}`}
            data-testid="kmop-resilience-setting"
          >
            <TableCell component="th" scope="row" style={{ width: 200 }}>
              {SETTING_LABELS[setting.type] ?? setting.type}
            </TableCell>
            <TableCell>
              {setting.summary}
              {setting.metrics?.map(metric => (
                <Typography
                  variant="body2"
                  key={`${metric.type}-${metric.name}`}
                  data-testid="kmop-autoscaling-metric"
                >
                  {metric.name}:{' '}
                  {metric.current ?? 'current value not reported'} (target{' '}
                  {metric.target})
                </Typography>
              ))}
            </TableCell>
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
      value: `${String(value)}${
        setting.defaults?.includes(key) ? ' (default)' : ''
      }`,
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
