import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // The palette's error.main is 3.7:1 on a light paper; body text needs 4.5:1 (WCAG AA).
  error: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.error.light
        : theme.palette.error.dark,
  },
}));

/** Text in the error colour, dark (or light) enough to read on the paper it sits on. */
export function ErrorText(props: Omit<TypographyProps, 'color'>) {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <Typography
      {...rest}
      className={className ? `${classes.error} ${className}` : classes.error}
    />
  );
}
