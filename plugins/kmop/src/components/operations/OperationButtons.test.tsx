import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogApiFailingAnalysis,
  checkoutBurning,
} from '@kmop/plugin-kmop-common/testUtils';
import type { KmopEntityView } from '@kmop/plugin-kmop-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockKmopApi, renderKmop } from '../../__testUtils__/renderKmop';
import { checkoutEntity } from '../../__testUtils__/viewFixture';
import { EntityKmopContent } from '../EntityKmopContent/EntityKmopContent';

// A whole KMOP tab per test, with dialogs: slow on a busy 2-core machine.
jest.setTimeout(60_000);

function withVersions(view: KmopEntityView): KmopEntityView {
  return {
    ...view,
    rollouts: view.rollouts.map(r => ({ ...r, resourceVersion: '4711' })),
  };
}

const checkout = withVersions(checkoutBurning);

async function releasePanel() {
  return within(await screen.findByTestId('kmop-release-panel'));
}

describe('operation buttons', () => {
  it('are not shown while operations are off', async () => {
    await renderKmop(<EntityKmopContent />, { api: mockKmopApi(checkout) });
    await screen.findByTestId('kmop-release-panel');
    expect(screen.queryByTestId('kmop-operations')).not.toBeInTheDocument();
  });

  it("offer what Argo Rollouts would for a paused canary, each disabled with its tool's reason otherwise", async () => {
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(checkout),
      operations: true,
    });
    const panel = await releasePanel();
    expect(panel.getByTestId('kmop-operation-promote')).toBeEnabled();
    expect(panel.getByTestId('kmop-operation-abort')).toBeEnabled();
    const retry = panel.getByTestId('kmop-operation-retry');
    expect(retry).toBeDisabled();
    expect(retry.getAttribute('data-reason')).toMatch(/abort/i);
  });

  it('asks first, naming the object and the burn, then sends the version the person saw', async () => {
    const api = mockKmopApi(checkout);
    const promoted = {
      ...checkout.rollouts[0],
      currentStepIndex: 2,
      phase: 'Progressing',
    };
    api.operateRollout.mockResolvedValue({
      operation: 'promote',
      target: promoted.source,
      item: promoted,
      effect: 'Moves the rollout past its current pause step.',
    });
    await renderKmop(<EntityKmopContent />, {
      api,
      operations: true,
    });
    const panel = await releasePanel();
    fireEvent.click(panel.getByTestId('kmop-operation-promote'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Promote Rollout checkout?');
    expect(dialog).toHaveTextContent(
      'Cluster demo, namespace checkout, Rollout checkout.',
    );
    expect(
      within(dialog).getByTestId('kmop-operation-confirm-judgement'),
    ).toHaveAttribute('data-level', 'at-risk');
    expect(dialog).toHaveTextContent('16.5× over 1h');
    expect(dialog).toHaveTextContent('Promote anyway?');
    fireEvent.click(within(dialog).getByText('Promote anyway'));
    await waitFor(() =>
      expect(api.operateRollout).toHaveBeenCalledWith(
        { kind: 'Component', namespace: 'default', name: 'checkout' },
        {
          item: checkout.rollouts[0].id,
          operation: 'promote',
          resourceVersion: '4711',
        },
      ),
    );
    expect(
      (await screen.findAllByTestId('kmop-operation-outcome'))[0],
    ).toHaveTextContent('Promote: sent to Rollout checkout.');
  });

  it('says "changed since you looked" on a conflict and shows the object as it is now', async () => {
    const now = { ...checkout.rollouts[0], phase: 'Degraded', aborted: true };
    // The view read after the conflict shows the object as it is now, like the answer.
    const api = mockKmopApi(checkout, { ...checkout, rollouts: [now] });
    api.operateRollout.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'ConflictError', message: 'stale resourceVersion' },
            response: { statusCode: 409 },
            item: now,
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ) as never,
      ),
    );
    await renderKmop(<EntityKmopContent />, { api, operations: true });
    const panel = await releasePanel();
    fireEvent.click(panel.getByTestId('kmop-operation-abort'));
    fireEvent.click(await screen.findByTestId('kmop-operation-confirm-button'));
    expect(
      (await screen.findAllByTestId('kmop-operation-outcome'))[0],
    ).toHaveTextContent('changed since you looked');
    await waitFor(() =>
      expect(screen.getAllByTestId('kmop-rollout-phase')[0]).toHaveTextContent(
        'Degraded',
      ),
    );
  });

  it('are disabled with the reason for a person the policy does not allow', async () => {
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(withVersions(catalogApiFailingAnalysis)),
      operations: true,
      permission: AuthorizeResult.DENY,
      // usePermission caches answers per entity for the whole file: another entity here.
      entity: {
        ...checkoutEntity,
        metadata: { ...checkoutEntity.metadata, name: 'catalog-api' },
      },
    });
    const panel = await releasePanel();
    expect(
      await panel.findByTestId(
        'kmop-operations-denied',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    for (const button of panel.getAllByRole('button', { name: /promote/i })) {
      expect(button).toBeDisabled();
    }
  });
});
