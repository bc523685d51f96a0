import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  KmopEntityView,
  KmopOrgPage,
  KmopOrgQuery,
  KmopReadiness,
} from '@kmop/plugin-kmop-common';
import { KmopApi, kmopApiRef } from '../api';
import { checkoutEntity } from './viewFixture';

const EMPTY_READINESS: KmopReadiness = {
  checks: [],
  counts: { pass: 0, warn: 0, fail: 0, notApplicable: 0 },
  workloads: 0,
};

const EMPTY_ORG_PAGE: KmopOrgPage = {
  items: [],
  totalItems: 0,
  offset: 0,
  limit: 50,
  facets: { owners: [], systems: [], clusters: [], checks: [] },
  rolloutsInProgress: [],
  slosBurning: [],
  generatedAt: '2026-12-01T00:00:00Z',
};

/** A KMOP API mock whose view answers come from `views` in turn (the last one repeats). */
export function mockKmopApi(
  ...answers: (KmopEntityView | Error | Promise<never>)[]
): jest.Mocked<KmopApi> {
  let call = 0;
  return {
    getEntityView: jest.fn(async (_entityRef: CompoundEntityRef) => {
      const answer = answers[Math.min(call, answers.length - 1)];
      call += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    }),
    getSourceObject: jest.fn(
      async (_entityRef: CompoundEntityRef, _itemId: string) =>
        'apiVersion: v1\nkind: Example\n',
    ),
    getEntityReadiness: jest.fn(async (entityRef: CompoundEntityRef) => ({
      entityRef: `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`,
      readiness: EMPTY_READINESS,
      generatedAt: '2026-12-01T00:00:00Z',
    })),
    listServices: jest.fn(async (_query: KmopOrgQuery) => EMPTY_ORG_PAGE),
  };
}

/** Renders `element` for `entity` with the KMOP API and config a page needs. */
export async function renderKmop(
  element: JSX.Element,
  options: {
    api: KmopApi;
    entity?: Entity;
    /** `kmop.ui.refreshIntervalSeconds`; 0 (no polling) unless a test needs it. */
    refreshIntervalSeconds?: number;
  },
) {
  const config = mockApis.config({
    data: {
      kmop: {
        ui: { refreshIntervalSeconds: options.refreshIntervalSeconds ?? 0 },
      },
    },
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kmopApiRef, options.api],
        [configApiRef, config],
      ]}
    >
      <EntityProvider entity={options.entity ?? checkoutEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
  );
}
