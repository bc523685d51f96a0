import type { KmopRolloutView } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { ShareBar } from '../shared/ShareBar';

/** Canary against stable weight, or nothing when the source reports no weight. */
export function TrafficSplit(props: { rollout: KmopRolloutView }) {
  const { canaryWeight } = props.rollout;
  const theme = useTheme();
  if (canaryWeight === undefined) return null;
  return (
    <Box my={1} maxWidth={480}>
      <Typography variant="body2" data-testid="kmop-rollout-canary-weight">
        Canary {canaryWeight}% · Stable {100 - canaryWeight}%
      </Typography>
      <ShareBar
        value={canaryWeight / 100}
        color={theme.palette.warning.main}
        label={`Canary weight ${canaryWeight}%`}
      />
    </Box>
  );
}
