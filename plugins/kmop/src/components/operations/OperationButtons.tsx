import { stringifyEntityRef } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  kmopRolloutOperatePermission,
  offeredOperations,
} from '@kmop/plugin-kmop-common';
import type {
  KmopOfferedOperation,
  KmopRolloutView,
} from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ErrorText } from '../shared/ErrorText';
import { kmopApiRef } from '../../api';
import { releaseOf, useReleaseContext } from '../release/ReleaseContext';
import { useKmopPageState } from '../shared/KmopPageState';
import { useKmopViewActions } from '../shared/KmopViewActions';
import { describeError } from '../shared/format';
import { ConfirmOperation } from './ConfirmOperation';
import { operationLabel } from './operationLabel';

type Outcome =
  | { kind: 'done'; text: string; warning?: string }
  | { kind: 'error'; text: string };

/** Why a button is disabled, or the tool's reason it is offered. */
function disabledReason(
  offered: KmopOfferedOperation,
  denied: boolean,
  target: KmopRolloutView | undefined,
): string {
  if (!offered.offered) return offered.reason;
  if (denied) return 'You may not operate this entity’s releases.';
  if (!target?.resourceVersion) {
    return 'The object’s resourceVersion is not known, so a change could overwrite another; refresh the page.';
  }
  return offered.reason;
}

/** The object an operation acts on: the item itself, or what a RolloutPolicy rendered into. */
function targetItem(
  rollout: KmopRolloutView,
  offered: KmopOfferedOperation,
  rollouts: readonly KmopRolloutView[],
): KmopRolloutView | undefined {
  const target = offered.target;
  if (!target) return undefined;
  if (target === rollout.source) return rollout;
  return rollouts.find(
    r =>
      r.source.cluster === target.cluster &&
      r.source.kind === target.kind &&
      r.source.namespace === target.namespace &&
      r.source.name === target.name,
  );
}

/**
 * The operations a rollout offers now (promote, abort, retry, pause, resume, restart…), each
 * disabled with the reason when the tool's rules or the person's permission do not allow it,
 * behind a confirmation that shows the release judgement.
 */
export function OperationButtons(props: { rollout: KmopRolloutView }) {
  const configApi = useApi(configApiRef);
  // Off unless the platform turned operations on: no buttons, no permission requests.
  if (!configApi.getOptionalBoolean('kmop.operations.enabled')) return null;
  return <EnabledOperationButtons rollout={props.rollout} />;
}

function EnabledOperationButtons(props: { rollout: KmopRolloutView }) {
  const { rollout } = props;
  const kmopApi = useApi(kmopApiRef);
  const { entityRef } = useKmopPageState();
  const actions = useKmopViewActions();
  const context = useReleaseContext();
  const rollouts = context?.rollouts ?? [rollout];
  const permission = usePermission({
    permission: kmopRolloutOperatePermission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  const [confirming, setConfirming] = useState<KmopOfferedOperation>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  // An error in the error colour, dark enough to read; anything else as body text.
  const OutcomeText = outcome?.kind === 'error' ? ErrorText : Typography;

  const operations = offeredOperations(rollout, { rollouts });
  if (operations.length === 0) return null;

  const run = async (offered: KmopOfferedOperation) => {
    const target = targetItem(rollout, offered, rollouts);
    setConfirming(undefined);
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await kmopApi.operateRollout(entityRef, {
        item: rollout.id,
        operation: offered.operation,
        resourceVersion: target?.resourceVersion ?? '',
      });
      actions?.showRollout(result.item);
      setOutcome({
        kind: 'done',
        text: `${operationLabel(offered.operation)}: sent to ${
          result.target.kind
        } ${result.target.name}. ${result.effect}`,
        warning: result.warning,
      });
    } catch (error) {
      const e = error as Error & {
        statusCode?: number;
        body?: { item?: KmopRolloutView };
      };
      if (e.statusCode === 409) {
        if (e.body?.item) actions?.showRollout(e.body.item);
        setOutcome({
          kind: 'error',
          text: `${rollout.source.kind} ${rollout.source.name} changed since you looked, so nothing was sent. The page shows it as it is now; look again before you retry.`,
        });
      } else {
        setOutcome({ kind: 'error', text: describeError(e) });
      }
    } finally {
      setBusy(false);
      actions?.refresh();
    }
  };

  const denied = !permission.loading && !permission.allowed;
  return (
    <Box mt={1} data-testid="kmop-operations">
      <Box display="flex" flexWrap="wrap" gridGap={8}>
        {operations.map(offered => {
          const target = targetItem(rollout, offered, rollouts);
          const why = disabledReason(offered, denied, target);
          const disabled =
            busy ||
            permission.loading ||
            denied ||
            !offered.offered ||
            !target?.resourceVersion;
          return (
            <span key={offered.operation} title={why}>
              <Button
                size="small"
                variant="outlined"
                color={offered.operation === 'abort' ? 'secondary' : 'primary'}
                disabled={disabled}
                onClick={() => setConfirming(offered)}
                data-testid={`kmop-operation-${offered.operation}`}
                data-reason={why}
              >
                {operationLabel(offered.operation)}
              </Button>
            </span>
          );
        })}
      </Box>
      {denied && (
        <Typography
          variant="caption"
          component="p"
          data-testid="kmop-operations-denied"
        >
          You may not operate the releases of this entity: the permission policy
          does not grant you kmop.rollout.operate (usually given to the entity’s
          owners).
        </Typography>
      )}
      {outcome && (
        <Box mt={1} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          <OutcomeText variant="body2" data-testid="kmop-operation-outcome">
            {outcome.text}
          </OutcomeText>
          {outcome.kind === 'done' && outcome.warning && (
            <Typography variant="body2">{outcome.warning}</Typography>
          )}
        </Box>
      )}
      {confirming && (
        <ConfirmOperation
          rollout={rollout}
          target={targetItem(rollout, confirming, rollouts)}
          offered={confirming}
          release={releaseOf(context, rollout)}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => run(confirming)}
        />
      )}
    </Box>
  );
}
