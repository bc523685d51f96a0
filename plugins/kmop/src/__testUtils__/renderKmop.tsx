import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import type {
  KmopEntityView,
  KmopOrgPage,
  KmopOrgQuery,
  KmopReadiness,
} from '@kmop/plugin-kmop-common';
import {
  KmopApi,
  kmopApiRef,
  KmopOperationRequest,
  KmopOperationResult,
} from '../api';
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
    operateRollout: jest.fn(
      async (
        _entityRef: CompoundEntityRef,
        _request: KmopOperationRequest,
      ): Promise<KmopOperationResult> => {
        throw new Error('operateRollout was not expected in this test');
      },
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
    /** `kmop.operations.enabled`; off unless a test needs it. */
    operations?: boolean;
    /** What the permission policy answers for `kmop.rollout.operate` (and anything else). */
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** The app's signals API; none (as in an app without the signals plugin) by default. */
    signals?: { api: SignalApi; refreshIntervalSeconds: number };
  },
) {
  const config = mockApis.config({
    data: {
      kmop: {
        ui: {
          refreshIntervalSeconds: options.refreshIntervalSeconds ?? 0,
          signalRefreshIntervalSeconds:
            options.signals?.refreshIntervalSeconds ?? 0,
        },
        operations: { enabled: options.operations ?? false },
      },
    },
  });
  const permissionApi = mockApis.permission({
    authorize: options.permission ?? AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kmopApiRef, options.api],
        [configApiRef, config],
        [permissionApiRef, permissionApi],
        ...(options.signals
          ? [[signalApiRef, options.signals.api] as const]
          : []),
      ]}
    >
      <EntityProvider entity={options.entity ?? checkoutEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
  );
}

type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A signals API the test sends messages through, as the backend would. */
export function fakeSignalApi() {
  const subscribers = new Map<string, Set<(message: JsonObject) => void>>();
  const api: SignalApi = {
    subscribe: (channel, onMessage) => {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      set.add(onMessage as (message: JsonObject) => void);
      return {
        unsubscribe: () => set.delete(onMessage as (m: JsonObject) => void),
      };
    },
  };
  return {
    api,
    send: (channel: string, message: JsonObject) =>
      subscribers.get(channel)?.forEach(s => s(message)),
    channels: () => [...subscribers].filter(([, s]) => s.size).map(([c]) => c),
  };
}
