import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { KmopOrgQuery } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import { useState } from 'react';
import { NowPanels } from './NowPanels';
import { OrgFilters } from './OrgFilters';
import { ServicesTable } from './ServicesTable';
import { useOrgServices } from './useOrgServices';

/**
 * Services with their owner, clusters, health, SLO budget, rollout state and readiness,
 * filtered, sorted and paged by the backend; `fixed` narrows it for a System or Group tab.
 */
export function OrgServicesView(props: {
  fixed?: Pick<KmopOrgQuery, 'owner' | 'system'>;
  title?: string;
}) {
  const [query, setQuery] = useState<KmopOrgQuery>({
    sort: 'name',
    order: 'asc',
    limit: 50,
  });
  const effective = { ...query, ...props.fixed };
  const { page, error, loading } = useOrgServices(effective);
  const onQuery = (change: Partial<KmopOrgQuery>) =>
    setQuery(q => ({ ...q, ...change }));
  if (!page) {
    return error ? (
      <ResponseErrorPanel error={error} title="Could not read the services" />
    ) : (
      <Progress />
    );
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <NowPanels page={page} />
      <InfoCard title={`${props.title ?? 'Services'} (${page.totalItems})`}>
        {error && (
          <ResponseErrorPanel
            error={error}
            title="Could not refresh the services"
          />
        )}
        <OrgFilters
          facets={page.facets}
          query={effective}
          onQuery={onQuery}
          hide={[
            ...(props.fixed?.owner ? ['owner' as const] : []),
            ...(props.fixed?.system ? ['system' as const] : []),
          ]}
        />
        <Box aria-busy={loading}>
          <ServicesTable
            items={page.items}
            totalItems={page.totalItems}
            query={effective}
            onQuery={onQuery}
          />
        </Box>
      </InfoCard>
    </Box>
  );
}
