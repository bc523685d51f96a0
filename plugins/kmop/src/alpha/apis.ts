import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { KmopClient, kmopApiRef } from '../api';

/** @alpha */
export const kmopApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kmopApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KmopClient({ discoveryApi, fetchApi }),
    }),
});
