import { act, screen, waitFor } from '@testing-library/react';
import { EntityKmopContent } from '../components';
import {
  fakeSignalApi,
  mockKmopApi,
  renderKmop,
} from '../__testUtils__/renderKmop';
import { checkoutEntity, makeView } from '../__testUtils__/viewFixture';

const CHANNEL = 'kmop:entity-view:component:default/checkout';

describe('useKmopEntityView', () => {
  it('reads the view again when the backend signals a change, with polling at 10 minutes', async () => {
    const signals = fakeSignalApi();
    const api = mockKmopApi(makeView(), makeView({ routes: [] }));
    await renderKmop(<EntityKmopContent />, {
      api,
      entity: checkoutEntity,
      signals: { api: signals.api, refreshIntervalSeconds: 600 },
    });
    await screen.findByTestId('kmop-slo-objective');
    expect(api.getEntityView).toHaveBeenCalledTimes(1);
    expect(signals.channels()).toEqual([CHANNEL]);

    // Two replicas signal the same change almost at once: one read.
    act(() => {
      signals.send(CHANNEL, { entityRef: 'component:default/checkout' });
      signals.send(CHANNEL, { entityRef: 'component:default/checkout' });
    });
    await waitFor(() => expect(api.getEntityView).toHaveBeenCalledTimes(2));
    await new Promise(r => setTimeout(r, 400));
    expect(api.getEntityView).toHaveBeenCalledTimes(2);
  });

  it('polls at kmop.ui.refreshIntervalSeconds when the app has no signals plugin', async () => {
    const api = mockKmopApi(makeView());
    await renderKmop(<EntityKmopContent />, {
      api,
      refreshIntervalSeconds: 0.2,
    });
    await waitFor(
      () => expect(api.getEntityView.mock.calls.length).toBeGreaterThan(2),
      { timeout: 3000 },
    );
  });
});
