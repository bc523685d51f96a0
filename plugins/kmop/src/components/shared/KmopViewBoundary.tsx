import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  isKmopAvailable,
  KMOP_ANNOTATION_SERVICE_NAME,
  type KmopEntityView,
} from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import { ReactNode, useMemo } from 'react';
import { useKmopEntityView } from '../../hooks/useKmopEntityView';
import { describeError, formatClock } from './format';
import { KmopPageStateProvider } from './KmopPageState';
import { StaleClustersProvider } from './StaleClusters';
import { KmopViewActionsContext } from './KmopViewActions';

/**
 * Loads the entity's view and renders `children` with it: a progress bar only before the
 * first data, an error panel when there is none, and a warning above the last data when a
 * refresh fails.
 */
export function KmopViewBoundary(props: {
  children: (view: KmopEntityView) => ReactNode;
}) {
  const { entity } = useEntity();
  if (!isKmopAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={KMOP_ANNOTATION_SERVICE_NAME} />
    );
  }
  return (
    <KmopPageStateProvider>
      <ViewLoader>{props.children}</ViewLoader>
    </KmopPageStateProvider>
  );
}

function ViewLoader(props: { children: (view: KmopEntityView) => ReactNode }) {
  const { view, error, loading, refresh, showRollout } = useKmopEntityView();
  const actions = useMemo(
    () => ({ refresh, showRollout }),
    [refresh, showRollout],
  );
  if (!view) {
    if (loading || !error) return <Progress />;
    return (
      <ResponseErrorPanel error={error} title="Could not read the KMOP view" />
    );
  }
  return (
    <KmopViewActionsContext.Provider value={actions}>
      <StaleClustersProvider clusters={view.clusters}>
        {error && (
          <Box mb={2} data-testid="kmop-refresh-error">
            <WarningPanel
              severity="warning"
              title={`Refresh failed; showing data read at ${formatClock(
                view.generatedAt,
              )}`}
              message={describeError(error)}
            />
          </Box>
        )}
        {props.children(view)}
      </StaleClustersProvider>
    </KmopViewActionsContext.Provider>
  );
}
