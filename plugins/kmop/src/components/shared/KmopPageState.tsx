import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { KmopItemBase } from '@kmop/plugin-kmop-common';
import {
  createContext,
  ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';
import { SourceDrawer } from './SourceDrawer';

interface KmopPageState {
  entityRef: CompoundEntityRef;
  isExpanded(itemId: string): boolean;
  toggle(itemId: string): void;
  openSource(item: KmopItemBase): void;
}

const KmopPageStateContext = createContext<KmopPageState | undefined>(
  undefined,
);

/**
 * What a person opened on the page — expanded rows and the source drawer — keyed by item id,
 * so a refresh that replaces the view changes nothing of it.
 */
export function KmopPageStateProvider(props: { children: ReactNode }) {
  const { entity } = useEntity();
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const entityRef = useMemo(
    () => ({ kind, namespace, name }),
    [kind, namespace, name],
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [sourceItem, setSourceItem] = useState<KmopItemBase>();

  const toggle = useCallback((itemId: string) => {
    setExpanded(previous => {
      const next = new Set(previous);
      if (!next.delete(itemId)) next.add(itemId);
      return next;
    });
  }, []);

  const value = useMemo<KmopPageState>(
    () => ({
      entityRef,
      isExpanded: itemId => expanded.has(itemId),
      toggle,
      openSource: setSourceItem,
    }),
    [entityRef, expanded, toggle],
  );

  return (
    <KmopPageStateContext.Provider value={value}>
      {props.children}
      <SourceDrawer
        entityRef={entityRef}
        item={sourceItem}
        onClose={() => setSourceItem(undefined)}
      />
    </KmopPageStateContext.Provider>
  );
}

export function useKmopPageState(): KmopPageState {
  const state = useContext(KmopPageStateContext);
  if (!state) {
    throw new Error('useKmopPageState needs a KmopPageStateProvider');
  }
  return state;
}
