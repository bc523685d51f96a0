import type {
  KmopOfferedOperation,
  KmopRolloutView,
  ReleaseJudgement,
} from '@kmop/plugin-kmop-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { ErrorText } from '../shared/ErrorText';
import { ADVANCING, operationLabel } from './operationLabel';

/**
 * Asks before an operation: where it goes (cluster, namespace, object), what it does, what
 * GitOps may do about it, and what the release judgement says now.
 */
export function ConfirmOperation(props: {
  rollout: KmopRolloutView;
  target?: KmopRolloutView;
  offered: KmopOfferedOperation;
  release?: ReleaseJudgement;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { rollout, offered, release } = props;
  const target = offered.target ?? rollout.source;
  const label = operationLabel(offered.operation);
  const against =
    ADVANCING.has(offered.operation) &&
    (release?.level === 'at-risk' || release?.level === 'aborted');
  const titleId = `kmop-confirm-${offered.operation}`;
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>
        {label} {target.kind} {target.name}?
      </DialogTitle>
      <DialogContent data-testid="kmop-operation-confirm">
        <Typography variant="body2" gutterBottom>
          Cluster <strong>{target.cluster}</strong>, namespace{' '}
          <strong>{target.namespace ?? '(cluster scope)'}</strong>,{' '}
          {target.kind} <strong>{target.name}</strong>
          {target !== rollout.source
            ? ` (rendered from ${rollout.source.kind} ${rollout.source.name})`
            : ''}
          .
        </Typography>
        <Typography variant="body2" gutterBottom>
          {offered.effect}
        </Typography>
        {offered.warning && (
          <ErrorText variant="body2" gutterBottom>
            {offered.warning}
          </ErrorText>
        )}
        {release && (
          <>
            <Typography
              variant="body2"
              style={{ fontWeight: 600 }}
              data-testid="kmop-operation-confirm-judgement"
              data-level={release.level}
            >
              {release.headline}
            </Typography>
            {release.reasons.map(reason => (
              <Typography key={reason.text} variant="body2">
                {reason.text}
              </Typography>
            ))}
          </>
        )}
        {against && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            {label} anyway?
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={props.onConfirm}
          data-testid="kmop-operation-confirm-button"
        >
          {against ? `${label} anyway` : label}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
