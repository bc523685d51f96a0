import type { KmopOrgPage, KmopOrgQuery } from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { shortRef } from './ServicesTable';

type FilterKey = 'owner' | 'system' | 'cluster' | 'failingCheck';

/** Filters by owner, system, cluster and failing check; the choices come from the server's facets. */
export function OrgFilters(props: {
  facets: KmopOrgPage['facets'];
  query: KmopOrgQuery;
  onQuery: (change: Partial<KmopOrgQuery>) => void;
  /** Filters fixed by the page (a System's tab filters by system). */
  hide?: FilterKey[];
}) {
  const { facets, query, onQuery } = props;
  const selects: {
    key: FilterKey;
    label: string;
    values: string[];
    show: (v: string) => string;
  }[] = [
    { key: 'owner', label: 'Owner', values: facets.owners, show: shortRef },
    { key: 'system', label: 'System', values: facets.systems, show: shortRef },
    { key: 'cluster', label: 'Cluster', values: facets.clusters, show: v => v },
    {
      key: 'failingCheck',
      label: 'Failing check',
      values: facets.checks,
      show: v => v,
    },
  ];
  return (
    <Box display="flex" gridGap={16} flexWrap="wrap" mb={2}>
      <TextField
        label="Search"
        value={query.text ?? ''}
        onChange={e =>
          onQuery({ text: e.target.value || undefined, offset: 0 })
        }
        inputProps={{ 'aria-label': 'Search services' }}
      />
      {selects
        .filter(s => !props.hide?.includes(s.key))
        .map(s => (
          <TextField
            key={s.key}
            select
            label={s.label}
            value={query[s.key] ?? ''}
            style={{ minWidth: 180 }}
            onChange={e =>
              onQuery({ [s.key]: e.target.value || undefined, offset: 0 })
            }
            SelectProps={{
              SelectDisplayProps: {
                'aria-label': `Filter by ${s.label.toLowerCase()}`,
              } as object,
            }}
          >
            <MenuItem value="">Any</MenuItem>
            {s.values.map(v => (
              <MenuItem key={v} value={v}>
                {s.show(v)}
              </MenuItem>
            ))}
          </TextField>
        ))}
    </Box>
  );
}
