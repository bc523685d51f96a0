import type { KmopRenderedObject } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CodeIcon from '@material-ui/icons/Code';
import { HealthStatus } from './HealthStatus';
import { useKmopPageState } from './KmopPageState';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: theme.spacing(0, 0, 0, 1.5),
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/**
 * What a KMOP resource rendered (the objects whose controller it is), listed under it: each
 * with its own health, reason and source YAML, so the pair reads as one thing.
 */
export function RenderedObjects(props: { objects: KmopRenderedObject[] }) {
  const classes = useStyles();
  const { openSource } = useKmopPageState();
  return (
    <ul
      className={classes.list}
      aria-label="Rendered objects"
      data-testid="kmop-rendered"
    >
      {props.objects.map(object => (
        <li
          key={object.id}
          data-testid="kmop-rendered-object"
          data-item-id={object.id}
          data-health={object.health}
        >
          <Box className={classes.row}>
            <Typography variant="body2" component="span">
              rendered as {object.source.kind} {object.source.name}
            </Typography>
            <HealthStatus health={object.health} />
            <Button
              size="small"
              startIcon={<CodeIcon />}
              aria-label={`YAML of ${object.source.kind} ${object.source.name}`}
              onClick={() => openSource(object)}
            >
              YAML
            </Button>
          </Box>
          <Typography variant="caption" color="textSecondary" component="p">
            {object.healthReason}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
