import type { KmopRolloutView } from '@kmop/plugin-kmop-common';
import { createContext, useContext } from 'react';

/** What a part of the page may do to the view it was given. */
export interface KmopViewActions {
  refresh(): void;
  showRollout(item: KmopRolloutView): void;
}

export const KmopViewActionsContext = createContext<
  KmopViewActions | undefined
>(undefined);

/** The view's actions; undefined outside a loaded view (cards rendered alone in tests). */
export function useKmopViewActions(): KmopViewActions | undefined {
  return useContext(KmopViewActionsContext);
}
