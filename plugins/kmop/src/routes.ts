import { createRouteRef } from '@backstage/core-plugin-api';

/** The KMOP tab's route in the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'kmop' });

/** The organisation page (`/kmop` in the demo app). */
export const orgRouteRef = createRouteRef({ id: 'kmop-org' });
