import type { KmopOrgPage, KmopServiceSummary } from '@kmop/plugin-kmop-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { configApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { kmopApiRef } from '../../api';
import { mockKmopApi } from '../../__testUtils__/renderKmop';
import { makeView } from '../../__testUtils__/viewFixture';
import { KmopOrgPage as OrgPage } from './KmopOrgPage';

function summary(
  name: string,
  score: number,
  failing: string[],
): KmopServiceSummary {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    owner: 'group:default/payments-team',
    system: 'system:default/storefront',
    clusters: ['demo'],
    health: 'ok',
    slos: 1,
    sloBudget: { slo: `${name}-availability`, remaining: 0.42 },
    rolloutState: name === 'checkout' ? 'progressing' : 'stable',
    readiness: {
      score,
      counts: { pass: 10, warn: 2, fail: failing.length, notApplicable: 1 },
      failing,
      warning: [],
    },
  };
}

const PAGE: KmopOrgPage = {
  items: [
    summary('checkout', 0.7, ['resilience.disruptionBudget']),
    summary('payments', 0.9, []),
  ],
  totalItems: 2,
  offset: 0,
  limit: 50,
  facets: {
    owners: ['group:default/payments-team'],
    systems: ['system:default/storefront'],
    clusters: ['demo'],
    checks: ['resilience.disruptionBudget'],
  },
  rolloutsInProgress: [
    {
      entityRef: 'component:default/checkout',
      cluster: 'demo',
      namespace: 'checkout',
      name: 'checkout',
      kind: 'Rollout',
      strategy: 'canary',
      canaryWeight: 20,
      paused: false,
    },
  ],
  slosBurning: [
    {
      entityRef: 'component:default/checkout',
      cluster: 'demo',
      name: 'requests-availability',
      burnRate: { window: '5m', rate: 16.2 },
      firing: ['CheckoutHighErrorRate'],
    },
  ],
  generatedAt: '2026-12-01T00:00:00Z',
};

jest.setTimeout(30_000);

describe('KmopOrgPage', () => {
  it('shows every service, what rolls out and burns now, and asks the server to sort and filter', async () => {
    const api = mockKmopApi(makeView());
    api.listServices.mockResolvedValue(PAGE);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [kmopApiRef, api],
          [configApiRef, mockApis.config()],
        ]}
      >
        <OrgPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      (await screen.findByRole('link', { name: 'checkout' })).getAttribute(
        'href',
      ),
    ).toBe('/catalog/default/component/checkout/kmop');
    const table = await screen.findByRole('table', { name: 'Services' });
    expect(within(table).getByText('checkout')).toBeInTheDocument();
    expect(
      within(table).getAllByText('42% (checkout-availability)'),
    ).toHaveLength(1);
    expect(
      screen.getByText(/Rollout checkout in demo — canary, canary at 20%/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/burning 16.2× over 5m; firing: CheckoutHighErrorRate/),
    ).toBeInTheDocument();

    fireEvent.click(within(table).getByText('Readiness'));
    await waitFor(() =>
      expect(api.listServices).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'readiness', order: 'asc', offset: 0 }),
      ),
    );
    fireEvent.click(within(table).getByText('Readiness'));
    await waitFor(() =>
      expect(api.listServices).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'readiness', order: 'desc' }),
      ),
    );

    fireEvent.mouseDown(screen.getByLabelText('Filter by failing check'));
    fireEvent.click(
      await screen.findByRole('option', {
        name: 'resilience.disruptionBudget',
      }),
    );
    await waitFor(() =>
      expect(api.listServices).toHaveBeenLastCalledWith(
        expect.objectContaining({
          failingCheck: 'resilience.disruptionBudget',
        }),
      ),
    );
  });
});
