import { useApi } from '@backstage/core-plugin-api';
import type { KmopOrgPage, KmopOrgQuery } from '@kmop/plugin-kmop-common';
import { useEffect, useRef, useState } from 'react';
import { kmopApiRef } from '../../api';

/**
 * One page of the organisation view for `query`. The previous page stays shown while the
 * next one loads, so sorting or filtering never blanks the table.
 */
export function useOrgServices(query: KmopOrgQuery): {
  page?: KmopOrgPage;
  error?: Error;
  loading: boolean;
} {
  const kmopApi = useApi(kmopApiRef);
  const [state, setState] = useState<{ page?: KmopOrgPage; error?: Error }>({});
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    kmopApi
      .listServices(JSON.parse(key) as KmopOrgQuery)
      .then(page => {
        if (request === latest.current) setState({ page });
      })
      .catch((error: Error) => {
        if (request === latest.current) setState(s => ({ ...s, error }));
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
  }, [kmopApi, key]);
  return { ...state, loading };
}
