import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useRouteRef } from '@backstage/core-plugin-api';
import type {
  KmopOrgQuery,
  KmopServiceSummary,
} from '@kmop/plugin-kmop-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { HealthStatus } from '../shared/HealthStatus';
import { formatScore } from '../readiness/ReadinessStatusIcon';

type SortKey = NonNullable<KmopOrgQuery['sort']>;

const COLUMNS: { key: SortKey | undefined; title: string }[] = [
  { key: 'name', title: 'Service' },
  { key: 'owner', title: 'Owner' },
  { key: 'system', title: 'System' },
  { key: undefined, title: 'Clusters' },
  { key: 'health', title: 'Health' },
  { key: 'budget', title: 'SLO budget left' },
  { key: undefined, title: 'Rollout' },
  { key: 'readiness', title: 'Readiness' },
];

export function shortRef(ref?: string): string {
  if (!ref) return '—';
  const parsed = parseEntityRef(ref);
  return parsed.namespace === 'default'
    ? parsed.name
    : `${parsed.namespace}/${parsed.name}`;
}

export function formatBudget(s: KmopServiceSummary): string {
  if (!s.sloBudget) return s.slos ? 'no figures' : 'no SLO';
  return `${Math.round(s.sloBudget.remaining * 100)}% (${s.sloBudget.slo})`;
}

/** One page of services, sorted by the column a person picks; the server sorts and pages. */
export function ServicesTable(props: {
  items: KmopServiceSummary[];
  totalItems: number;
  query: KmopOrgQuery;
  onQuery: (change: Partial<KmopOrgQuery>) => void;
}) {
  const { items, totalItems, query, onQuery } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  return (
    <>
      <Table size="small" aria-label="Services">
        <TableHead>
          <TableRow>
            {COLUMNS.map(c => (
              <TableCell
                key={c.title}
                // A narrow window squeezes the table; a title broken mid-word reads badly.
                style={{ whiteSpace: 'nowrap' }}
                sortDirection={
                  c.key && query.sort === c.key ? query.order ?? 'asc' : false
                }
              >
                {c.key ? (
                  <TableSortLabel
                    active={(query.sort ?? 'name') === c.key}
                    direction={
                      (query.sort ?? 'name') === c.key
                        ? query.order ?? 'asc'
                        : 'asc'
                    }
                    onClick={() =>
                      onQuery({
                        sort: c.key,
                        order:
                          (query.sort ?? 'name') === c.key &&
                          query.order !== 'desc'
                            ? 'desc'
                            : 'asc',
                        offset: 0,
                      })
                    }
                  >
                    {c.title}
                  </TableSortLabel>
                ) : (
                  c.title
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(s => {
            const ref = parseEntityRef(s.entityRef);
            return (
              <TableRow
                key={s.entityRef}
                data-testid={`service-${s.entityRef}`}
              >
                <TableCell>
                  <Link
                    to={`${entityRoute({
                      kind: ref.kind,
                      namespace: ref.namespace,
                      name: ref.name,
                    })}/kmop`}
                  >
                    {s.title}
                  </Link>
                  {s.error && <div>{s.error}</div>}
                </TableCell>
                <TableCell>{shortRef(s.owner)}</TableCell>
                <TableCell>{shortRef(s.system)}</TableCell>
                <TableCell>
                  {s.clusters.join(', ') || 'nothing found'}
                </TableCell>
                <TableCell>
                  {s.health === 'none' ? (
                    'nothing found'
                  ) : (
                    <HealthStatus health={s.health} />
                  )}
                </TableCell>
                <TableCell>{formatBudget(s)}</TableCell>
                <TableCell>
                  {s.rolloutState === 'none' ? '—' : s.rolloutState}
                </TableCell>
                <TableCell>
                  {formatScore(s.readiness.score)}
                  {s.readiness.failing.length > 0 &&
                    ` · ${s.readiness.failing.length} failing`}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={totalItems}
        page={Math.floor(offset / limit)}
        rowsPerPage={limit}
        rowsPerPageOptions={[25, 50, 100]}
        onPageChange={(_e, page) => onQuery({ offset: page * limit })}
        onRowsPerPageChange={e =>
          onQuery({ limit: Number(e.target.value), offset: 0 })
        }
      />
    </>
  );
}
