import { Link } from '@backstage/core-components';
import type {
  KmopRouteBackend,
  KmopRouteParent,
  KmopRouteView,
} from '@kmop/plugin-kmop-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { KmopItem } from '../shared/KmopItem';
import { ShareBar } from '../shared/ShareBar';
import { formatPercent } from '../shared/format';
import { describeAuth } from './describeAuth';
import { formatMatch } from './formatMatch';

const useStyles = makeStyles(theme => ({
  hosts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
    fontFamily: 'monospace',
  },
  shareCell: {
    width: '35%',
  },
}));

/** A route read like a routing table: hostnames, then per rule its matches and backends. */
export function RouteItem(props: { route: KmopRouteView }) {
  const { route } = props;
  const classes = useStyles();
  return (
    <KmopItem
      item={route}
      title={route.source.name}
      summary={
        <>
          <Box className={classes.hosts}>
            {route.hostnames.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                Any hostname (none set on the route)
              </Typography>
            ) : (
              route.hostnames.map(hostname => (
                <Hostname key={hostname} hostname={hostname} url={route.url} />
              ))
            )}
          </Box>
          <RulesTable route={route} shareCell={classes.shareCell} />
          <ParentsLine parents={route.parents} />
          <Tls route={route} />
          <Auth route={route} />
        </>
      }
    >
      <Parents parents={route.parents} />
    </KmopItem>
  );
}

function Hostname(props: { hostname: string; url?: string }) {
  const { hostname, url } = props;
  // Only the hostname the URL is about is a link; others are shown as written.
  const linked = url && safeHost(url) === hostname.toLowerCase();
  return (
    <Typography variant="body1" data-testid="kmop-route-hostname">
      {linked ? <Link to={url!}>{hostname}</Link> : hostname}
    </Typography>
  );
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function RulesTable(props: { route: KmopRouteView; shareCell: string }) {
  const { route, shareCell } = props;
  if (route.rules.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No rules: the route sends no traffic.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Rules of ${route.source.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Match</TableCell>
          <TableCell>Backend</TableCell>
          <TableCell>Weight</TableCell>
          <TableCell className={shareCell}>Traffic share</TableCell>
          <TableCell>Timeouts</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {route.rules.map((rule, ruleIndex) => {
          const backends: (KmopRouteBackend | undefined)[] =
            rule.backends.length > 0 ? rule.backends : [undefined];
          return backends.map((backend, backendIndex) => (
            <TableRow
              // Rules have no id of their own; their order is their identity in the source.
              key={`${ruleIndex}-${backend?.name ?? 'none'}-${backendIndex}`}
            >
              {backendIndex === 0 && (
                <TableCell rowSpan={backends.length}>
                  {rule.name && (
                    <Typography variant="caption" component="div">
                      {rule.name}
                    </Typography>
                  )}
                  {(rule.matches.length > 0 ? rule.matches : [{}]).map(
                    (match, i) => (
                      <Typography variant="body2" key={i}>
                        {formatMatch(match, rule.protocol)}
                      </Typography>
                    ),
                  )}
                </TableCell>
              )}
              {backend ? (
                <>
                  <TableCell>{formatBackend(backend)}</TableCell>
                  <TableCell>{backend.weight ?? 'malformed'}</TableCell>
                  <TableCell className={shareCell}>
                    {backend.share === undefined ? (
                      // A malformed weight in the rule: no share can be computed.
                      <Typography
                        variant="body2"
                        color="textSecondary"
                        data-testid="kmop-backend-share"
                      >
                        unknown
                      </Typography>
                    ) : (
                      <Box display="flex" alignItems="center" gridGap={8}>
                        <ShareBar
                          value={backend.share}
                          label={`Share of ${backend.name}: ${formatPercent(
                            backend.share,
                            1,
                          )}`}
                        />
                        <Typography
                          variant="body2"
                          data-testid="kmop-backend-share"
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {formatPercent(backend.share, 1)}
                        </Typography>
                      </Box>
                    )}
                  </TableCell>
                </>
              ) : (
                <TableCell colSpan={3}>
                  <Typography variant="body2" color="textSecondary">
                    No backend
                  </Typography>
                </TableCell>
              )}
              {backendIndex === 0 && (
                <TableCell rowSpan={backends.length}>
                  {formatTimeouts(rule.timeouts)}
                </TableCell>
              )}
            </TableRow>
          ));
        })}
      </TableBody>
    </Table>
  );
}

function formatBackend(backend: KmopRouteBackend): string {
  const name = backend.namespace
    ? `${backend.namespace}/${backend.name}`
    : backend.name;
  let port = '';
  if (backend.port !== undefined) port = `:${backend.port}`;
  else if (backend.portName) port = `:${backend.portName}`;
  const subset = backend.subset ? ` (${backend.subset})` : '';
  return `${name}${port}${subset}`;
}

function formatTimeouts(timeouts?: {
  request?: string;
  backendRequest?: string;
}): string {
  const parts: string[] = [];
  if (timeouts?.request) parts.push(`request ${timeouts.request}`);
  if (timeouts?.backendRequest)
    parts.push(`backend ${timeouts.backendRequest}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function Parents(props: { parents: KmopRouteParent[] }) {
  if (props.parents.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No parent gateway: the route is attached to nothing.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Parent gateways">
      <TableHead>
        <TableRow>
          <TableCell>Parent</TableCell>
          <TableCell>Accepted</TableCell>
          <TableCell>ResolvedRefs</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.parents.map(parent => (
          <TableRow key={parentKey(parent)}>
            <TableCell>{parentKey(parent)}</TableCell>
            <TableCell>{conditionWord(parent.accepted)}</TableCell>
            <TableCell>{conditionWord(parent.resolvedRefs)}</TableCell>
            <TableCell>{parent.message ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function parentKey(parent: KmopRouteParent): string {
  const kind = parent.kind ? `${parent.kind} ` : '';
  const name = parent.namespace
    ? `${parent.namespace}/${parent.name}`
    : parent.name;
  const section = parent.sectionName ? ` (${parent.sectionName})` : '';
  return `${kind}${name}${section}`;
}

function conditionWord(value?: boolean): string {
  if (value === undefined) return 'not reported';
  return value ? 'True' : 'False';
}

/** One line on the parents for the summary: the full table is in the details. */
function ParentsLine(props: { parents: KmopRouteParent[] }) {
  if (props.parents.length === 0) return null;
  return (
    <Typography variant="body2" color="textSecondary" style={{ marginTop: 8 }}>
      Parents:{' '}
      {props.parents
        .map(
          parent =>
            `${parentKey(parent)} (Accepted ${conditionWord(
              parent.accepted,
            )}, ResolvedRefs ${conditionWord(parent.resolvedRefs)})`,
        )
        .join('; ')}
    </Typography>
  );
}

function Tls(props: { route: KmopRouteView }) {
  const { tls } = props.route;
  if (!tls) return null;
  return (
    <Box mt={1}>
      <Typography variant="body2" component="span">
        TLS:{' '}
      </Typography>
      {tls.map((entry, i) => (
        <Typography variant="body2" key={i} data-testid="kmop-route-tls">
          {entry.hosts.length > 0
            ? entry.hosts.join(', ')
            : "the route's hosts (controller default)"}
          {': '}
          {entry.secretName
            ? `certificate from Secret ${entry.secretName}`
            : 'no Secret named (controller default certificate)'}
        </Typography>
      ))}
    </Box>
  );
}

/** How callers authenticate, as the route says; nothing for a route that checks none. */
function Auth(props: { route: KmopRouteView }) {
  const { auth } = props.route;
  if (!auth) return null;
  return (
    <Typography
      variant="body2"
      data-testid="kmop-route-auth"
      style={{ marginTop: 8 }}
    >
      Auth: {describeAuth(auth)}
    </Typography>
  );
}
