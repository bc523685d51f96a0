import { gzipSync } from 'node:zlib';
import { entityViewPath } from '../http';
import { BenchCheckError, Target } from '../load';
import { serviceName } from '../objects';
import { BenchRun } from './context';

/** One KMOP view as sent, as `NODE_ENV=development` pretty-prints it, and gzipped. */
export interface ViewSize {
  bytes: number;
  prettyBytes: number;
  gzipBytes: number;
}

export type ViewRoute = 'floor' | 'kmop' | 'kmopNotModified' | 'kubernetes';

/**
 * The routes the view stages compare, each with the check of its first answer
 * per block; the size of the first KMOP view checked is kept.
 */
export function viewTargets(run: BenchRun): {
  targets: Record<ViewRoute, Target>;
  viewSize: () => ViewSize | undefined;
} {
  const { sims, etags, entityList } = run;
  let viewSize: ViewSize | undefined;
  const targets: Record<ViewRoute, Target> = {
    floor: {
      name: 'floor',
      request: () => ({ method: 'GET', path: '/api/kmop/v1/clusters' }),
      check: (_s, body) => {
        if (JSON.parse(body).items.length !== sims.length) {
          throw new BenchCheckError(
            `the clusters route answered ${body.slice(0, 200)}`,
          );
        }
      },
    },
    kmop: {
      name: 'kmop',
      request: i => ({ method: 'GET', path: entityViewPath(i) }),
      check: (_s, body, i) => {
        const view = JSON.parse(body);
        viewSize ??= {
          bytes: Buffer.byteLength(body),
          prettyBytes: Buffer.byteLength(JSON.stringify(view, null, 2)),
          gzipBytes: gzipSync(body).length,
        };
        const clusters = new Set(
          view.routes.map(
            (r: { source: { cluster: string } }) => r.source.cluster,
          ),
        );
        const sections = ['routes', 'slos', 'rollouts', 'resilience'].filter(
          s => view[s].length === 0,
        );
        if (clusters.size !== sims.length || sections.length > 0) {
          throw new BenchCheckError(
            `the KMOP view of ${serviceName(i)} has routes from ${
              clusters.size
            } of ${sims.length} clusters` +
              ` and empty sections [${sections.join(', ')}]`,
          );
        }
      },
    },
    kmopNotModified: {
      name: 'kmopNotModified',
      okStatus: 304,
      request: i => ({
        method: 'GET',
        path: entityViewPath(i),
        headers: { 'if-none-match': etags[i] },
      }),
      check: () => {},
    },
    kubernetes: {
      name: 'kubernetes',
      collectGarbageAfter: true,
      request: i => ({
        method: 'POST',
        path: `/api/kubernetes/services/${serviceName(i)}`,
        body: JSON.stringify({ entity: entityList[i] }),
      }),
      check: (_s, body, i) => {
        const { items } = JSON.parse(body);
        const problems = items.filter(
          (c: {
            errors: unknown[];
            resources: { type: string; resources: unknown[] }[];
          }) =>
            c.errors.length > 0 ||
            !c.resources.some(r => r.type === 'pods' && r.resources.length > 0),
        );
        if (items.length !== sims.length || problems.length > 0) {
          throw new BenchCheckError(
            `the Kubernetes backend answered for ${serviceName(
              i,
            )}: ${body.slice(0, 300)}`,
          );
        }
      },
    },
  };
  return { targets, viewSize: () => viewSize };
}
