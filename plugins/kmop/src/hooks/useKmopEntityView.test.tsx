import { act, screen, waitFor } from '@testing-library/react';
import {
  fakeSignalApi,
  mockKmopApi,
  renderKmop,
} from '../__testUtils__/renderKmop';
import { checkoutEntity, makeView } from '../__testUtils__/viewFixture';
import { useKmopEntityView } from './useKmopEntityView';

// A machine shared by many test runs renders slowly.
jest.setTimeout(30_000);

/** The hook alone, with what it read. */
function Probe() {
  const { view } = useKmopEntityView();
  return <div data-testid="probe">{view ? view.routes.length : 'none'}</div>;
}

const CHANNEL = 'kmop:entity-view:component:default/checkout';

describe('useKmopEntityView', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the view again when the backend signals a change, with polling at 10 minutes', async () => {
    const signals = fakeSignalApi();
    const api = mockKmopApi(makeView(), makeView({ routes: [] }));
    await renderKmop(<Probe />, {
      api,
      entity: checkoutEntity,
      signals: { api: signals.api, refreshIntervalSeconds: 600 },
    });
    expect(await screen.findByTestId('probe')).toHaveTextContent('1');
    expect(api.getEntityView).toHaveBeenCalledTimes(1);
    expect(signals.channels()).toEqual([CHANNEL]);

    // Two replicas signal the same change, the second 200 ms after the first (the other
    // replica's signal comes through the database event bus): one read, once the page
    // has gathered signals for 500 ms. Fake timers from here: the 10-minute poll stays real.
    jest.useFakeTimers();
    act(() => {
      signals.send(CHANNEL, { entityRef: 'component:default/checkout' });
    });
    act(() => {
      jest.advanceTimersByTime(200);
    });
    act(() => {
      signals.send(CHANNEL, { entityRef: 'component:default/checkout' });
    });
    act(() => {
      jest.advanceTimersByTime(400);
    });
    expect(api.getEntityView).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.runOnlyPendingTimers();
    });
    await waitFor(() =>
      expect(screen.getByTestId('probe')).toHaveTextContent('0'),
    );
    // Everything the signals left pending has run: still one read for both.
    await act(async () => {
      jest.runOnlyPendingTimers();
    });
    expect(api.getEntityView).toHaveBeenCalledTimes(2);
  });

  it('polls at kmop.ui.refreshIntervalSeconds when the app has no signals plugin', async () => {
    const api = mockKmopApi(makeView());
    await renderKmop(<Probe />, {
      api,
      refreshIntervalSeconds: 0.2,
    });
    await waitFor(
      () => expect(api.getEntityView.mock.calls.length).toBeGreaterThan(2),
      { timeout: 3000 },
    );
  });
});
