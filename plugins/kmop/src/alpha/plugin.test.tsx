import { filterPredicateToFilterFunction } from '@backstage/filter-predicates';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { kmopApiRef } from '../api';
import { mockKmopApi } from '../__testUtils__/renderKmop';
import {
  checkoutEntity,
  makeView,
  plainEntity,
} from '../__testUtils__/viewFixture';
import {
  kmopHealthCard,
  kmopReadinessCard,
  kmopResilienceCard,
  kmopRolloutsCard,
  kmopRoutesCard,
  kmopSlosCard,
} from './entityCards';
import { kmopEntityContent } from './entityContent';
import { kmopRollupContent, kmopRollupFilter } from './orgPage';
import { kmopEntityFilter } from './filters';
import { kmopPlugin } from './plugin';

jest.setTimeout(30_000);

const cards = [
  kmopHealthCard,
  kmopRoutesCard,
  kmopSlosCard,
  kmopRolloutsCard,
  kmopResilienceCard,
];

type Extensions = NonNullable<
  NonNullable<Parameters<typeof renderTestApp>[0]>['extensions']
>;

// The four full section cards are off by default; an adopter turns them on in app-config
// (`entity-card:kmop/routes` …). The test app adds extensions under its own plugin, `test`.
const ENABLE_FULL_CARDS = ['routes', 'slos', 'rollouts', 'resilience'].map(
  name => `entity-card:test/${name}`,
);

function render(
  entity: typeof checkoutEntity,
  extensions: Extensions,
  enable: string[] = ENABLE_FULL_CARDS,
) {
  const api = mockKmopApi(makeView());
  renderTestApp({
    extensions: [createTestEntityPage({ entity }), ...extensions],
    apis: [[kmopApiRef, api]],
    config: {
      kmop: { ui: { refreshIntervalSeconds: 0 } },
      app: { extensions: enable },
    },
  });
  return api;
}

describe('kmop plugin (new frontend system)', () => {
  it('shows the tab for an annotated entity', async () => {
    render(checkoutEntity, [kmopEntityContent]);
    // The test app loads the lazy extension first; on a busy machine that takes seconds.
    expect(
      await screen.findByTestId('kmop-summary', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('kmop-release-panel')).toBeInTheDocument();
  });

  it('shows every card for an annotated entity', async () => {
    render(checkoutEntity, cards);
    expect(
      await screen.findByText('KMOP health', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Gateway routes')).toBeInTheDocument();
    expect(
      await screen.findByText('Service level objectives'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Rollouts')).toBeInTheDocument();
    expect(await screen.findByText('Resilience')).toBeInTheDocument();
  });

  it('keeps the full section cards off the overview unless enabled', async () => {
    render(checkoutEntity, [...cards, kmopReadinessCard], []);
    expect(
      await screen.findByText('KMOP readiness', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('KMOP health')).toBeInTheDocument();
    expect(screen.queryByText('Gateway routes')).not.toBeInTheDocument();
  });

  it('shows the rollup tab on a System, not on a Component', async () => {
    const system = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'storefront', namespace: 'default' },
      spec: { owner: 'group:default/payments-team' },
    };
    const api = render(system as typeof checkoutEntity, [kmopRollupContent]);
    expect(
      await screen.findByText(
        'Components of this system (0)',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(api.listServices).toHaveBeenCalledWith(
      expect.objectContaining({ system: 'system:default/storefront' }),
    );
    const matches = filterPredicateToFilterFunction(kmopRollupFilter as never);
    expect(matches(system)).toBe(true);
    expect(matches(checkoutEntity)).toBe(false);
  });

  it('shows neither tab nor cards for a plain entity', async () => {
    const api = render(plainEntity, [kmopEntityContent, ...cards]);
    expect(
      await screen.findByTestId('empty-entity-page', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(api.getEntityView).not.toHaveBeenCalled();
  });

  it('has the extension ids the README documents', () => {
    for (const id of [
      'api:kmop',
      'entity-content:kmop',
      'entity-card:kmop/health',
      'entity-card:kmop/routes',
      'entity-card:kmop/slos',
      'entity-card:kmop/rollouts',
      'entity-card:kmop/resilience',
      'entity-card:kmop/readiness',
      'entity-content:kmop/rollup',
      'page:kmop/org',
    ]) {
      expect(kmopPlugin.getExtension(id as never)).toBeDefined();
    }
  });

  it('matches the same annotations as isKmopAvailable', () => {
    const matches = filterPredicateToFilterFunction(kmopEntityFilter);
    const withAnnotation = (name: string) => ({
      ...plainEntity,
      metadata: { ...plainEntity.metadata, annotations: { [name]: 'x' } },
    });
    expect(matches(withAnnotation('kmop.dev/service-name'))).toBe(true);
    expect(matches(withAnnotation('backstage.io/kubernetes-id'))).toBe(true);
    expect(
      matches(withAnnotation('backstage.io/kubernetes-label-selector')),
    ).toBe(true);
    expect(matches(withAnnotation('backstage.io/kubernetes-namespace'))).toBe(
      false,
    );
    expect(matches(plainEntity)).toBe(false);
  });
});
