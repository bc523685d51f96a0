import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEffect, useRef, useState } from 'react';
import { kmopApiRef, KmopEntityReadinessResponse } from '../../api';

/**
 * The current entity's readiness, read again whenever `refreshKey` changes (the view's
 * `generatedAt`, so readiness follows the view's own refreshes). The last answer stays
 * while a new one is read: a refresh never empties the card.
 */
export function useEntityReadiness(refreshKey?: string): {
  value?: KmopEntityReadinessResponse;
  error?: Error;
} {
  const { entity } = useEntity();
  const kmopApi = useApi(kmopApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const [state, setState] = useState<{
    value?: KmopEntityReadinessResponse;
    error?: Error;
  }>({});
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useEffect(() => {
    kmopApi
      .getEntityReadiness({ kind, namespace, name })
      .then(value => mounted.current && setState({ value }))
      .catch(
        (error: Error) =>
          mounted.current && setState(previous => ({ ...previous, error })),
      );
  }, [kmopApi, kind, namespace, name, refreshKey]);
  return state;
}
