import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { KmopClient, kmopApiRef } from '../api';
import { KmopExtensionDefinition } from './extensionDefinition';

/** @alpha */
export const kmopApi: KmopExtensionDefinition<typeof ApiBlueprint, undefined> =
  ApiBlueprint.make({
    params: defineParams =>
      defineParams({
        api: kmopApiRef,
        deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
        factory: ({ discoveryApi, fetchApi }) =>
          new KmopClient({ discoveryApi, fetchApi }),
      }),
  });
