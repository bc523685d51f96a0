import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockKmopApi, renderKmop } from '../../__testUtils__/renderKmop';
import {
  makeEmptyView,
  makeView,
  plainEntity,
  rollout,
  route,
  slo,
} from '../../__testUtils__/viewFixture';
import { EntityKmopContent } from './EntityKmopContent';

function stepState(index: number, current: number) {
  if (index < current) return 'done' as const;
  return index === current ? ('current' as const) : ('pending' as const);
}

// The first render of a test app loads its lazy parts, which takes a few seconds on a busy machine.
jest.setTimeout(30_000);

describe('EntityKmopContent', () => {
  it('shows what a person reads first in every section', async () => {
    const api = mockKmopApi(makeView());
    await renderKmop(<EntityKmopContent />, { api });

    expect(await screen.findAllByText('shop.example.com')).not.toHaveLength(0);
    expect(
      screen.getByRole('link', { name: /shop\.example\.com/ }),
    ).toHaveAttribute('href', 'https://shop.example.com/api/checkout');
    expect(screen.getByText('PathPrefix /api/checkout')).toBeInTheDocument();
    expect(screen.getByText('checkout-canary:8080')).toBeInTheDocument();
    expect(screen.getByText('request 15s, backend 5s')).toBeInTheDocument();

    expect(screen.getByTestId('kmop-slo-objective')).toHaveTextContent(
      '99.9% over 30 days',
    );
    expect(screen.getByTestId('kmop-slo-budget-time')).toHaveTextContent(
      '43.2 minutes per 30 days (0.1%)',
    );
    expect(screen.getByTestId('kmop-slo-budget-remaining')).toHaveTextContent(
      '62%',
    );

    // The release panel and the rollouts section both show the rollout.
    for (const step of screen.getAllByTestId('kmop-rollout-current-step')) {
      expect(step).toHaveTextContent('Step 3 of 5: Pause until promoted');
    }
    for (const weight of screen.getAllByTestId('kmop-rollout-canary-weight')) {
      expect(weight).toHaveTextContent('Canary 20% · Stable 80%');
    }

    expect(
      screen.getByText('Target: checkout.checkout.svc.cluster.local'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'at most 100 TCP connections, 1000 pending HTTP requests',
      ),
    ).toBeInTheDocument();

    const verdict = screen.getByTestId('kmop-release-verdict');
    expect(verdict).toHaveAttribute('data-level', 'healthy');
    expect(verdict).toHaveTextContent(
      'No SLO alert fires, every SLO has budget left and nothing else is wrong: the release may proceed.',
    );

    expect(screen.getAllByTestId('kmop-cluster-chip')[0]).toHaveTextContent(
      'demo: synced',
    );
    expect(api.getEntityView).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });

  it('says how to link resources when nothing is found', async () => {
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(makeEmptyView()),
    });

    expect(
      await screen.findByText('No KMOP resources found for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/label selector "backstage.io\/kubernetes-id=checkout"/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Create a service with the golden path').closest('a'),
    ).toHaveAttribute('href', '/create/templates/default/kmop-microservice');
  });

  it('says "syncing", never "nothing found", before a cluster’s first list completes', async () => {
    const syncing = {
      ...makeEmptyView(),
      clusters: [
        { name: 'demo', state: 'ready' as const },
        { name: 'demo-eu', state: 'syncing' as const },
      ],
    };
    await renderKmop(<EntityKmopContent />, { api: mockKmopApi(syncing) });
    expect(await screen.findByTestId('kmop-syncing')).toHaveTextContent(
      'The first list of cluster demo-eu is not complete yet',
    );
    expect(
      screen.queryByText('No KMOP resources found for this entity'),
    ).not.toBeInTheDocument();
  });

  it('shows a progress bar until the first answer', async () => {
    const api = mockKmopApi(new Promise<never>(() => {}));
    await renderKmop(<EntityKmopContent />, { api });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByTestId('kmop-summary')).not.toBeInTheDocument();
  });

  it('shows an error panel when the request fails', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'You may not see this entity',
        },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    await renderKmop(<EntityKmopContent />, { api: mockKmopApi(error) });
    expect(
      await screen.findByText(/Could not read the KMOP view/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/You may not see this entity/)).not.toHaveLength(
      0,
    );
  });

  it('shows a failed cluster above the data of the others', async () => {
    const view = makeView({
      clusters: [
        { name: 'demo', state: 'ready' },
        {
          name: 'edge',
          state: 'error',
          error: {
            kind: 'unreachable',
            message: 'connect ECONNREFUSED 127.0.0.1:6553',
          },
        },
      ],
    });
    await renderKmop(<EntityKmopContent />, { api: mockKmopApi(view) });

    const panel = await screen.findByTestId('kmop-cluster-error');
    expect(panel).toHaveAttribute('data-cluster', 'edge');
    expect(panel).toHaveTextContent('Cluster edge — unreachable');
    expect(
      within(panel).getByText('connect ECONNREFUSED 127.0.0.1:6553'),
    ).toBeVisible();
    // demo's data is still there.
    expect(screen.getByTestId('kmop-slo-objective')).toHaveTextContent('99.9%');
    expect(screen.getByText('edge: error (unreachable)')).toBeInTheDocument();
  });

  it('marks the items of a stale cluster', async () => {
    const view = makeView({
      clusters: [
        { name: 'demo', state: 'ready', staleSince: '2026-11-30T09:55:00Z' },
      ],
    });
    await renderKmop(<EntityKmopContent />, { api: mockKmopApi(view) });
    expect(await screen.findByTestId('kmop-cluster-stale')).toBeInTheDocument();
    expect(screen.getAllByTestId('kmop-item-stale')).toHaveLength(4);
    expect(screen.getByTestId('kmop-cluster-chip')).toHaveAttribute(
      'data-state',
      'stale',
    );
  });

  it('shows a malformed item as unknown with its message', async () => {
    const broken = {
      ...rollout,
      id: 'demo/argoproj.io/v1alpha1/Rollout/checkout/broken',
      source: { ...rollout.source, name: 'broken' },
      health: 'unknown' as const,
      healthReason:
        'spec.strategy.canary.steps[1].setWeight: expected a number',
      strategy: 'unknown' as const,
      phase: undefined,
      steps: [],
      canaryWeight: undefined,
      paused: false,
      pauseReasons: [],
      badges: [],
    };
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(makeView({ rollouts: [broken] })),
    });
    const item = (await screen.findAllByTestId('kmop-item')).find(
      element => element.getAttribute('data-item-id') === broken.id,
    )!;
    expect(item).toHaveAttribute('data-health', 'unknown');
    expect(within(item).getByText('Unknown')).toBeInTheDocument();
    expect(
      within(item).getByText(
        'spec.strategy.canary.steps[1].setWeight: expected a number',
      ),
    ).toBeInTheDocument();
  });

  it('keeps an expanded row expanded across a refresh', async () => {
    const next = makeView({
      rollouts: [
        {
          ...rollout,
          canaryWeight: 60,
          steps: rollout.steps.map(step => ({
            ...step,
            state: stepState(step.index, 3),
          })),
        },
      ],
    });
    const api = mockKmopApi(makeView(), next);
    await renderKmop(<EntityKmopContent />, {
      api,
      refreshIntervalSeconds: 0.2,
    });

    const details = await screen.findByRole('button', {
      name: 'Details of Rollout checkout',
    });
    await userEvent.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Canary revision:')).toBeInTheDocument();

    await waitFor(
      () =>
        expect(
          screen.getAllByTestId('kmop-rollout-canary-weight')[0],
        ).toHaveTextContent('Canary 60% · Stable 40%'),
      { timeout: 3000 },
    );
    expect(
      screen.getByRole('button', { name: 'Details of Rollout checkout' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Canary revision:')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('keeps the last data and says so when a refresh fails', async () => {
    const api = mockKmopApi(makeView(), new Error('socket hang up'));
    await renderKmop(<EntityKmopContent />, {
      api,
      refreshIntervalSeconds: 0.2,
    });
    expect(
      await screen.findByTestId('kmop-refresh-error', {}, { timeout: 3000 }),
    ).toHaveTextContent('socket hang up');
    expect(screen.getByTestId('kmop-slo-objective')).toBeInTheDocument();
  });

  it('shows "no data" for an SLO without figures, never 0%', async () => {
    const bare = {
      ...slo,
      sli: undefined,
      errorBudgetRemaining: undefined,
      burnRates: [],
      dataSource: 'none' as const,
    };
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(makeView({ slos: [bare] })),
    });
    expect(await screen.findByTestId('kmop-slo-no-data')).toHaveTextContent(
      'No data',
    );
    expect(
      screen.queryByTestId('kmop-slo-budget-remaining'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('kmop-release-verdict')).toHaveAttribute(
      'data-level',
      'unjudged',
    );
  });

  it('says plainly when the canary burns too fast or the budget is overspent', async () => {
    const burning = {
      ...slo,
      errorBudgetRemaining: -0.125,
      burnRates: [
        { window: '1h', rate: 20.5 },
        { window: '5m', rate: 31 },
        { window: '6h', rate: 3 },
        { window: '30m', rate: 5 },
      ],
    };
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(makeView({ slos: [burning] })),
    });
    const verdict = await screen.findByTestId('kmop-release-verdict');
    expect(verdict).toHaveAttribute('data-level', 'at-risk');
    expect(verdict).toHaveTextContent(
      'The release is burning error budget too fast; consider aborting it.',
    );
    expect(verdict).toHaveTextContent(
      'requests-availability burns its error budget too fast: page alert CheckoutHighErrorRate: 20.5× over 1h and 31× over 5m, above its 14.4× threshold.',
    );
    expect(verdict).toHaveTextContent(
      'requests-availability has spent its error budget (-12.5% left).',
    );
    expect(screen.getByTestId('kmop-slo-budget-remaining')).toHaveTextContent(
      '-12.5% (overspent)',
    );
    const burnTable = within(
      screen.getByTestId('kmop-release-panel'),
    ).getByRole('table', { name: 'Burn of requests-availability per alert' });
    const pageRow = within(burnTable).getByText('page 1h/5m').closest('tr')!;
    expect(pageRow).toHaveTextContent('20.5× / 31×14.4×firing');
  });

  it('labels a default window as the default, beside the objective', async () => {
    await renderKmop(<EntityKmopContent />, {
      api: mockKmopApi(makeView({ slos: [{ ...slo, defaults: ['window'] }] })),
    });
    expect(await screen.findByTestId('kmop-slo-objective')).toHaveTextContent(
      /^99\.9% over 30 days$/,
    );
    expect(screen.getByTestId('kmop-slo-window-default')).toHaveTextContent(
      "window not set: the tool's default",
    );
  });

  it('opens the source YAML of an item on demand', async () => {
    const api = mockKmopApi(makeView());
    await renderKmop(<EntityKmopContent />, { api });
    expect(api.getSourceObject).not.toHaveBeenCalled();

    await userEvent.click(
      await screen.findByRole('button', { name: 'YAML of HTTPRoute checkout' }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Source of checkout',
    });
    await waitFor(() => expect(drawer).toHaveTextContent('kind: Example'));
    expect(api.getSourceObject).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      'demo/gateway.networking.k8s.io/v1/HTTPRoute/checkout/checkout',
    );
  });

  it('shows what a KMOP resource rendered under it, each with its health and YAML', async () => {
    const gatewayRoute = {
      ...route,
      id: 'demo/kmop.dev/v1alpha1/GatewayRoute/payments/payments-public',
      source: {
        cluster: 'demo',
        apiVersion: 'kmop.dev/v1alpha1',
        kind: 'GatewayRoute',
        namespace: 'payments',
        name: 'payments-public',
      },
      rendered: [
        {
          id: 'demo/gateway.networking.k8s.io/v1/HTTPRoute/payments/payments-public',
          source: {
            cluster: 'demo',
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'HTTPRoute',
            namespace: 'payments',
            name: 'payments-public',
          },
          health: 'degraded' as const,
          healthReason:
            'ResolvedRefs is False on gateways/public: BackendNotFound',
          badges: [],
          controller: {
            apiVersion: 'kmop.dev/v1alpha1',
            kind: 'GatewayRoute',
            name: 'payments-public',
          },
          section: 'routes' as const,
        },
      ],
    };
    const api = mockKmopApi(makeView({ routes: [gatewayRoute] }));
    await renderKmop(<EntityKmopContent />, { api });

    const owner = (await screen.findAllByTestId('kmop-item')).find(
      el => el.getAttribute('data-item-id') === gatewayRoute.id,
    )!;
    const child = within(owner).getByTestId('kmop-rendered-object');
    expect(child).toHaveTextContent('rendered as HTTPRoute payments-public');
    expect(child).toHaveTextContent('Degraded');
    expect(child).toHaveTextContent('BackendNotFound');
    // One item for the pair: the HTTPRoute is not listed again on its own.
    expect(
      screen
        .getAllByTestId('kmop-item')
        .filter(el => el.getAttribute('data-item-id')?.includes('/HTTPRoute/')),
    ).toEqual([]);

    await userEvent.click(
      within(child).getByRole('button', {
        name: 'YAML of HTTPRoute payments-public',
      }),
    );
    await screen.findByRole('dialog', { name: 'Source of payments-public' });
    expect(api.getSourceObject).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      gatewayRoute.rendered[0].id,
    );
  });

  it('asks for the annotation on an entity without one', async () => {
    const api = mockKmopApi(makeView());
    await renderKmop(<EntityKmopContent />, { api, entity: plainEntity });
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.getEntityView).not.toHaveBeenCalled();
  });
});
