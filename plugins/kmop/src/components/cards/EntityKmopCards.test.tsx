import type {
  KmopEntityView,
  KmopResilienceView,
  KmopRolloutView,
  KmopRouteView,
  KmopSloView,
} from '@kmop/plugin-kmop-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockKmopApi, renderKmop } from '../../__testUtils__/renderKmop';
import {
  makeEmptyView,
  makeView,
  resilience,
  rollout,
  route,
  slo,
} from '../../__testUtils__/viewFixture';
import {
  EntityKmopResilienceCard,
  EntityKmopRolloutsCard,
  EntityKmopRoutesCard,
  EntityKmopSlosCard,
} from './EntityKmopCards';

jest.setTimeout(30_000);

type SectionKey = 'routes' | 'slos' | 'rollouts' | 'resilience';
type AnyItem =
  | KmopRouteView
  | KmopSloView
  | KmopRolloutView
  | KmopResilienceView;

const sections: {
  key: SectionKey;
  Card: () => JSX.Element;
  item: AnyItem;
  /** Text the section shows for the fixture item. */
  fact: string;
  empty: RegExp;
  /** The fixture item changed the way a refresh would bring it, and the text that shows it. */
  changed: [AnyItem, string];
}[] = [
  {
    key: 'routes',
    Card: EntityKmopRoutesCard,
    item: route,
    fact: 'shop.example.com',
    empty: /No gateway route found/,
    changed: [
      { ...route, hostnames: ['shop.example.org'] },
      'shop.example.org',
    ],
  },
  {
    key: 'slos',
    Card: EntityKmopSlosCard,
    item: slo,
    fact: '99.9% over 30 days',
    empty: /No SLO found/,
    changed: [{ ...slo, sli: 0.9995 }, '99.95%'],
  },
  {
    key: 'rollouts',
    Card: EntityKmopRolloutsCard,
    item: rollout,
    fact: 'Canary 20% · Stable 80%',
    empty: /No rollout found/,
    changed: [{ ...rollout, canaryWeight: 40 }, 'Canary 40% · Stable 60%'],
  },
  {
    key: 'resilience',
    Card: EntityKmopResilienceCard,
    item: resilience,
    fact: 'at most 100 TCP connections, 1000 pending HTTP requests',
    empty: /No resilience policy found/,
    changed: [
      {
        ...resilience,
        settings: [
          {
            type: 'timeout',
            summary: '2s per request',
            values: { request: '2s' },
          },
        ],
      },
      '2s per request',
    ],
  },
];

function viewWith(key: SectionKey, items: AnyItem[]): KmopEntityView {
  return { ...makeEmptyView(), [key]: items } as KmopEntityView;
}

describe.each(sections)('the $key card', section => {
  const { Card } = section;

  it('shows its items', async () => {
    await renderKmop(<Card />, { api: mockKmopApi(makeView()) });
    expect(await screen.findByText(section.fact)).toBeInTheDocument();
    expect(screen.getAllByTestId('kmop-item')).toHaveLength(1);
  });

  it('says how to add one when there is none', async () => {
    await renderKmop(<Card />, { api: mockKmopApi(makeEmptyView()) });
    expect(await screen.findByText(section.empty)).toBeInTheDocument();
    expect(screen.queryByTestId('kmop-item')).not.toBeInTheDocument();
  });

  it('shows progress before the first answer', async () => {
    await renderKmop(<Card />, {
      api: mockKmopApi(new Promise<never>(() => {})),
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows an error panel when the request fails', async () => {
    await renderKmop(<Card />, {
      api: mockKmopApi(new Error('backend unavailable')),
    });
    expect(
      await screen.findByText(/Could not read the KMOP view/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend unavailable/)).not.toHaveLength(0);
  });

  it('keeps its items when another cluster fails', async () => {
    const view = viewWith(section.key, [section.item]);
    view.clusters = [
      { name: 'demo', state: 'ready' },
      {
        name: 'edge',
        state: 'error',
        error: { kind: 'forbidden', status: 403, message: 'list denied' },
      },
    ];
    await renderKmop(<Card />, { api: mockKmopApi(view) });
    expect(await screen.findByText(section.fact)).toBeInTheDocument();
    expect(screen.getByTestId('kmop-cluster-error')).toHaveTextContent(
      'Cluster edge — forbidden (HTTP 403)',
    );
    expect(screen.getByText('list denied')).toBeInTheDocument();
  });

  it('shows a malformed item as unknown with its message', async () => {
    const malformed = {
      ...section.item,
      health: 'unknown' as const,
      healthReason: 'spec is not an object',
    };
    await renderKmop(<Card />, {
      api: mockKmopApi(viewWith(section.key, [malformed])),
    });
    const item = await screen.findByTestId('kmop-item');
    expect(item).toHaveAttribute('data-health', 'unknown');
    expect(within(item).getByText('Unknown')).toBeInTheDocument();
    expect(within(item).getByText('spec is not an object')).toBeInTheDocument();
  });

  it('keeps an expanded row expanded across a refresh', async () => {
    const [changed, changedText] = section.changed;
    await renderKmop(<Card />, {
      api: mockKmopApi(
        viewWith(section.key, [section.item]),
        viewWith(section.key, [changed]),
      ),
      refreshIntervalSeconds: 0.2,
    });
    const details = await screen.findByRole('button', { name: /^Details of/ });
    await userEvent.click(details);
    await waitFor(
      () => expect(screen.getByText(changedText)).toBeInTheDocument(),
      { timeout: 3000 },
    );
    expect(screen.getByRole('button', { name: /^Details of/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });
});
