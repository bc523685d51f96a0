import type { KmopRolloutView } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { describeCurrentStep, describeStep } from './describeStep';

/**
 * The canary steps as a stepper with the current one active and a last "Promoted" step,
 * which is done only when every step is.
 */
export function RolloutSteps(props: { rollout: KmopRolloutView }) {
  const { rollout } = props;
  if (rollout.steps.length === 0) return null;
  const current = rollout.steps.findIndex(step => step.state === 'current');
  const allDone = rollout.steps.every(step => step.state === 'done');
  const currentText = describeCurrentStep(rollout);
  return (
    <Box>
      <Typography variant="body2" data-testid="kmop-rollout-current-step">
        {currentText ??
          (allDone
            ? `All ${rollout.steps.length} steps done`
            : 'No step is running')}
      </Typography>
      <Box overflow="auto">
        <Stepper
          activeStep={current >= 0 ? current : rollout.steps.length}
          alternativeLabel
          aria-label={`Steps of ${rollout.source.name}`}
        >
          {rollout.steps.map(step => (
            <Step
              key={step.index}
              completed={step.state === 'done'}
              active={step.state === 'current'}
            >
              <StepLabel error={step.state === 'current' && rollout.aborted}>
                {describeStep(step)}
              </StepLabel>
            </Step>
          ))}
          <Step key="promoted" completed={allDone}>
            <StepLabel>Promoted</StepLabel>
          </Step>
        </Stepper>
      </Box>
    </Box>
  );
}
