import { getCompoundEntityRef } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { KmopEntityView, KmopRolloutView } from '@kmop/plugin-kmop-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { kmopApiRef } from '../api';

/** Default of `kmop.ui.refreshIntervalSeconds`. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 10;

/** The KMOP view of the current entity, refreshed while mounted. */
export interface KmopEntityViewState {
  /** The latest view read; kept when a later refresh fails. */
  view?: KmopEntityView;
  /** The error of the latest request, cleared by the next success. */
  error?: Error;
  /** True until the first request settles. */
  loading: boolean;
  /** Reads the view again now. */
  refresh: () => void;
  /**
   * Shows a rollout item as an operation read it back from its cluster, until the next view
   * (which the watch cache may not have caught up with yet for a moment) replaces it.
   */
  showRollout: (item: KmopRolloutView) => void;
}

/**
 * Reads the entity's view and polls it. A failed refresh keeps the last view, so the page
 * never flashes back to a spinner or loses what a person expanded.
 */
export function useKmopEntityView(): KmopEntityViewState {
  const { entity } = useEntity();
  const kmopApi = useApi(kmopApiRef);
  const configApi = useApi(configApiRef);
  const intervalSeconds =
    configApi.getOptionalNumber('kmop.ui.refreshIntervalSeconds') ??
    DEFAULT_REFRESH_INTERVAL_SECONDS;

  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const entityRef = useMemo(
    () => ({ kind, namespace, name }),
    [kind, namespace, name],
  );

  const [state, setState] = useState<{ view?: KmopEntityView; error?: Error }>(
    {},
  );
  const [settled, setSettled] = useState(false);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const refresh = useCallback(() => {
    // A slow backend must not pile up requests: skip a tick while one is running.
    if (inFlight.current) return;
    inFlight.current = true;
    kmopApi
      .getEntityView(entityRef)
      .then(
        view => mounted.current && setState({ view }),
        error =>
          mounted.current && setState(previous => ({ ...previous, error })),
      )
      .finally(() => {
        inFlight.current = false;
        if (mounted.current) setSettled(true);
      });
  }, [kmopApi, entityRef]);

  useEffect(() => {
    setState({});
    setSettled(false);
    refresh();
  }, [refresh]);

  useInterval(refresh, intervalSeconds > 0 ? intervalSeconds * 1000 : null);

  const showRollout = useCallback((item: KmopRolloutView) => {
    setState(previous =>
      previous.view
        ? {
            ...previous,
            view: {
              ...previous.view,
              rollouts: previous.view.rollouts.map(r =>
                r.id === item.id ? item : r,
              ),
            },
          }
        : previous,
    );
  }, []);

  return { ...state, loading: !settled, refresh, showRollout };
}
