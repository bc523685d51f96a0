import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  kmopEntityViewChannel,
  type KmopEntityView,
  type KmopRolloutView,
} from '@kmop/plugin-kmop-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { kmopApiRef } from '../api';

/** Default of `kmop.ui.refreshIntervalSeconds`. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 10;
/** Default of `kmop.ui.signalRefreshIntervalSeconds`. */
export const DEFAULT_SIGNAL_REFRESH_INTERVAL_SECONDS = 300;
/**
 * Signals that arrive this close together cause one read: with several backend
 * replicas, each signals the same change, and the other replica's signal comes
 * through the database event bus 100–250 ms after the local one (measured with
 * two replicas on PostgreSQL on a loaded 2-core machine; 200 ms read twice).
 */
const SIGNAL_GATHER_MS = 500;

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
 * Reads the entity's view and keeps it current. With the signals plugin in the
 * app, the backend says when the view changed and the page reads it again at
 * once; a slow poll covers signals lost while the connection was down (signals
 * are not replayed). Without it, the page polls. A refresh keeps the last view
 * until the next one arrives, so the page never flashes back to a spinner, no
 * panel disappears and comes back, and nothing a person expanded closes.
 */
export function useKmopEntityView(): KmopEntityViewState {
  const { entity } = useEntity();
  const kmopApi = useApi(kmopApiRef);
  const configApi = useApi(configApiRef);

  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const entityRef = useMemo(
    () => ({ kind, namespace, name }),
    [kind, namespace, name],
  );
  // `isSignalsAvailable` only says that the app has the signals API, not
  // that it is connected: hence the slow poll even then.
  const { lastSignal, isSignalsAvailable } = useSignal(
    kmopEntityViewChannel(stringifyEntityRef(entityRef)),
  );
  const intervalSeconds = isSignalsAvailable
    ? configApi.getOptionalNumber('kmop.ui.signalRefreshIntervalSeconds') ??
      DEFAULT_SIGNAL_REFRESH_INTERVAL_SECONDS
    : configApi.getOptionalNumber('kmop.ui.refreshIntervalSeconds') ??
      DEFAULT_REFRESH_INTERVAL_SECONDS;

  const [state, setState] = useState<{ view?: KmopEntityView; error?: Error }>(
    {},
  );
  const [settled, setSettled] = useState(false);
  const inFlight = useRef(false);
  /** A change was signalled during a read: read once more after it. */
  const again = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const read = useCallback(
    (afterChange: boolean) => {
      // A slow backend must not pile up requests: one at a time.
      if (inFlight.current) {
        // A poll can be skipped; a signalled change must still be read.
        again.current ||= afterChange;
        return;
      }
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
          if (!mounted.current) return;
          setSettled(true);
          if (again.current) {
            again.current = false;
            read(true);
          }
        });
    },
    [kmopApi, entityRef],
  );
  const refresh = useCallback(() => read(true), [read]);
  const poll = useCallback(() => read(false), [read]);

  useEffect(() => {
    setState({});
    setSettled(false);
    read(false);
  }, [read]);

  useEffect(() => {
    if (!lastSignal) return undefined;
    const timer = setTimeout(refresh, SIGNAL_GATHER_MS);
    return () => clearTimeout(timer);
  }, [lastSignal, refresh]);

  useInterval(poll, intervalSeconds > 0 ? intervalSeconds * 1000 : null);

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
