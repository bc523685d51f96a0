import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 8,
    width: '100%',
    minWidth: 80,
    borderRadius: 4,
    background: theme.palette.action.hover,
    overflow: 'hidden',
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderRadius: 4,
  },
}));

/**
 * A horizontal bar for a fraction. The bar can only draw 0–100%; the caller always prints
 * the number itself, so a value outside that range (an overspent budget) is never hidden.
 */
export function ShareBar(props: {
  /** The fraction to draw, any real number. */
  value: number;
  color?: string;
  label: string;
}) {
  const classes = useStyles();
  const width = Math.max(0, Math.min(1, props.value)) * 100;
  return (
    <Box
      className={classes.track}
      role="meter"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(Math.max(0, Math.min(1, props.value)) * 100)}
    >
      <Box
        className={classes.fill}
        style={{ width: `${width}%`, background: props.color }}
        bgcolor={props.color ? undefined : 'primary.main'}
      />
    </Box>
  );
}
