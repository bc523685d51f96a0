import type { KmopItemBase } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CodeIcon from '@material-ui/icons/Code';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { ReactNode } from 'react';
import { describeGeneration } from './describeGeneration';
import { describeSource } from './describeSource';
import { HealthStatus } from './HealthStatus';
import { RenderedObjects } from './RenderedObjects';
import { useKmopPageState } from './KmopPageState';
import { useStaleSince } from './StaleClusters';
import { formatClock } from './format';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(1.5),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  title: {
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: theme.typography.subtitle1.fontSize,
    margin: theme.spacing(0, 1, 0, 0),
  },
  details: {
    marginTop: theme.spacing(1.5),
    paddingTop: theme.spacing(1.5),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * One view item: health, name, badges and source on top, the facts a person reads first
 * below them, the rest behind "Details". Expansion lives in page state keyed by the item's
 * id, so a refresh keeps it. (Not an MUI Accordion: its summary is a button, and links or
 * buttons inside it would be nested controls.)
 */
export function KmopItem(props: {
  item: KmopItemBase;
  title: ReactNode;
  /** Facts shown without expanding. */
  summary?: ReactNode;
  /** Facts shown when expanded. */
  children?: ReactNode;
}) {
  const { item, title, summary, children } = props;
  const classes = useStyles();
  const { isExpanded, toggle, openSource } = useKmopPageState();
  const expanded = isExpanded(item.id);
  const staleSince = useStaleSince(item.source.cluster);
  const detailsId = `kmop-details-${item.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <Paper
      variant="outlined"
      className={classes.root}
      data-testid="kmop-item"
      data-item-id={item.id}
      data-health={item.health}
    >
      <Box className={classes.header}>
        <Typography className={classes.title} component="h4">
          {title}
        </Typography>
        <HealthStatus health={item.health} />
        {item.badges.map(badge => (
          <Chip key={badge} size="small" label={badge} variant="outlined" />
        ))}
        {staleSince && (
          <Chip
            size="small"
            color="secondary"
            label={`stale since ${formatClock(staleSince)}`}
            data-testid="kmop-item-stale"
          />
        )}
        <Box flexGrow={1} />
        <Button
          size="small"
          startIcon={<CodeIcon />}
          aria-label={`YAML of ${item.source.kind} ${item.source.name}`}
          onClick={() => openSource(item)}
        >
          YAML
        </Button>
        {children && (
          <Button
            size="small"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={`Details of ${item.source.kind} ${item.source.name}`}
            endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            onClick={() => toggle(item.id)}
          >
            Details
          </Button>
        )}
      </Box>
      <Typography variant="body2" color="textSecondary">
        {item.healthReason}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {describeSource(item.source)}
        {describeGeneration(item)}
      </Typography>
      {item.rendered && item.rendered.length > 0 && (
        <RenderedObjects objects={item.rendered} />
      )}
      {summary && <Box mt={1}>{summary}</Box>}
      {children && (
        <Collapse in={expanded} unmountOnExit>
          <Box id={detailsId} className={classes.details}>
            {children}
          </Box>
        </Collapse>
      )}
    </Paper>
  );
}
