import type {
  KmopClusterStatus,
  KmopEntityView,
  KmopItemBase,
} from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloudDoneIcon from '@material-ui/icons/CloudDone';
import CloudOffIcon from '@material-ui/icons/CloudOff';
import SyncIcon from '@material-ui/icons/Sync';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { HealthStatus } from '../shared/HealthStatus';
import { formatAge, formatClock } from '../shared/format';
import { countHealth, HEALTH_ORDER } from './countHealth';

const useStyles = makeStyles(theme => ({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: theme.spacing(2),
  },
  tile: {
    padding: theme.spacing(1.5, 2),
  },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
  },
  clusters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

export const SECTIONS = [
  { key: 'routes', title: 'Gateway routes' },
  { key: 'slos', title: 'SLOs' },
  { key: 'rollouts', title: 'Rollouts' },
  { key: 'resilience', title: 'Resilience' },
] as const;

/** One tile per section with counts by health, a chip per cluster, and when the data was read. */
export function SummaryStrip(props: { view: KmopEntityView; now?: number }) {
  const { view } = props;
  const classes = useStyles();
  return (
    <Box data-testid="kmop-summary">
      <Box className={classes.tiles}>
        {SECTIONS.map(section => (
          <SectionTile
            key={section.key}
            title={section.title}
            items={view[section.key]}
          />
        ))}
      </Box>
      <Box className={classes.clusters}>
        {view.clusters.map(cluster => (
          <ClusterChip key={cluster.name} cluster={cluster} now={props.now} />
        ))}
        <Box flexGrow={1} />
        <Tooltip title={view.generatedAt}>
          {/* Primary text colour: the secondary grey on the page background misses
              WCAG AA contrast (4.47:1, axe in the end-to-end tests). */}
          <Typography variant="caption" data-testid="kmop-read-at">
            Read at {formatClock(view.generatedAt)}
          </Typography>
        </Tooltip>
      </Box>
    </Box>
  );
}

function SectionTile(props: { title: string; items: readonly KmopItemBase[] }) {
  const classes = useStyles();
  const counts = countHealth(props.items);
  return (
    <Paper
      variant="outlined"
      className={classes.tile}
      data-testid="kmop-summary-tile"
      aria-label={`${props.title}: ${props.items.length}`}
      role="group"
    >
      <Typography variant="subtitle2" component="h3">
        {props.title} · {props.items.length}
      </Typography>
      {props.items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          none found
        </Typography>
      ) : (
        <Box className={classes.counts}>
          {HEALTH_ORDER.filter(health => counts[health] > 0).map(health => (
            <Box key={health} display="flex" alignItems="center">
              <Typography
                variant="body2"
                component="span"
                style={{ marginRight: 4 }}
              >
                {counts[health]}
              </Typography>
              <HealthStatus health={health} />
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}

/** A cluster's state in words: synced, syncing, stale since…, or its error kind. */
export function clusterStateText(
  cluster: KmopClusterStatus,
  now?: number,
): string {
  if (cluster.state === 'error') {
    return `${cluster.name}: error (${cluster.error?.kind ?? 'unknown'})`;
  }
  if (cluster.staleSince) {
    return `${cluster.name}: stale since ${formatClock(
      cluster.staleSince,
    )} (${formatAge(cluster.staleSince, now)})`;
  }
  if (cluster.state === 'syncing') return `${cluster.name}: syncing`;
  return `${cluster.name}: synced`;
}

function ClusterChip(props: { cluster: KmopClusterStatus; now?: number }) {
  const { cluster } = props;
  let icon = <CloudDoneIcon />;
  if (cluster.state === 'error') icon = <CloudOffIcon />;
  else if (cluster.staleSince) icon = <ScheduleIcon />;
  else if (cluster.state === 'syncing') icon = <SyncIcon />;
  return (
    <Chip
      size="small"
      icon={icon}
      variant="outlined"
      color={
        cluster.state === 'error' || cluster.staleSince
          ? 'secondary'
          : 'default'
      }
      label={clusterStateText(cluster, props.now)}
      data-testid="kmop-cluster-chip"
      data-state={cluster.staleSince ? 'stale' : cluster.state}
      // The cluster's own dashboard, when its locator names one.
      {...(cluster.dashboardUrl
        ? {
            component: 'a',
            href: cluster.dashboardUrl,
            target: '_blank',
            rel: 'noopener noreferrer',
            title: `Open the dashboard of cluster ${cluster.name}`,
          }
        : {})}
    />
  );
}
