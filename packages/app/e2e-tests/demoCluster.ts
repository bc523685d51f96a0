import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// What the end-to-end tests expect the KMOP tab to show, read from the demo
// objects `yarn start` serves (examples/cluster on cluster demo,
// examples/cluster-eu on cluster demo-eu), so the tests follow the examples.

const ROOT = join(__dirname, '../../..');

/** A demo object as written in the examples. */
export type DemoObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

function readFolder(folder: string): DemoObject[] {
  const dir = join(ROOT, folder);
  return readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(
        doc => doc.toJSON() as DemoObject,
      ),
    );
}

export const demoObjects = readFolder('examples/cluster');
export const demoEuObjects = readFolder('examples/cluster-eu');

/** The object of that kind and name; fails the test when the examples lack it. */
export function demoObject(
  kind: string,
  name: string,
  objects: DemoObject[] = demoObjects,
): DemoObject {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`examples have no ${kind} ${name}`);
  return found;
}

/** An objective in percent as a person writes it: `99.5` → `99.5%`. */
export function percent(objectivePercent: number): string {
  return `${Number(objectivePercent.toFixed(3))}%`;
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

/** The error budget in seconds, computed here: 99.9% over `30d` → 2592. */
export function budgetSeconds(
  objectivePercent: number,
  window: string,
): number {
  const match = /^(\d+)([smhdw])$/.exec(window);
  if (!match) throw new Error(`not a window: ${window}`);
  return (
    ((100 - objectivePercent) / 100) * Number(match[1]) * UNIT_SECONDS[match[2]]
  );
}

const WORD_SECONDS: Array<[RegExp, number]> = [
  [/^(ms|milliseconds?)$/, 0.001],
  [/^(s|sec|seconds?)$/, 1],
  [/^(min|minutes?)$/, 60],
  [/^(h|hours?)$/, 3600],
  [/^(d|days?)$/, 86400],
  [/^(w|weeks?)$/, 604800],
];

/**
 * The time a budget text on the page stands for, in seconds: `43.2 minutes`,
 * `3.6 h per 30 days`, `1 day 12 hours` (what follows "per" is the window).
 */
export function parseBudgetText(text: string): number {
  const amount = text.split(/\bper\b/)[0];
  let seconds = 0;
  let found = false;
  for (const [, value, unit] of amount.matchAll(/([\d.]+)\s*([a-z]+)/gi)) {
    const factor = WORD_SECONDS.find(([re]) => re.test(unit.toLowerCase()));
    if (!factor) continue;
    seconds += Number(value) * factor[1];
    found = true;
  }
  if (!found) throw new Error(`no budget time in "${text}"`);
  return seconds;
}

/** A canary step of an Argo Rollout as the page words it. */
export function describeStep(step: {
  setWeight?: number;
  pause?: { duration?: string };
  analysis?: { templates?: Array<{ templateName: string }> };
}): string {
  if (step.setWeight !== undefined) return `Set weight ${step.setWeight}%`;
  if (step.pause) {
    return step.pause.duration
      ? `Pause ${step.pause.duration}`
      : 'Pause until promoted';
  }
  if (step.analysis) {
    return `Analysis: ${(step.analysis.templates ?? [])
      .map(t => t.templateName)
      .join(', ')}`;
  }
  throw new Error(`unexpected step ${JSON.stringify(step)}`);
}

/** True when `yarn start` can run the demo Prometheus (scripts/demo/prometheus.mjs). */
export function demoPrometheusInstalled(): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return ['prometheus', 'promtool'].every(tool =>
    dirs.some(dir => existsSync(join(dir, tool))),
  );
}

const EU_SIMULATOR = `http://127.0.0.1:${
  process.env.KMOP_SIMULATOR_EU_PORT ?? '6445'
}`;
const SIMULATOR_TOKEN = 'kmop-dev-token';

/** Makes cluster demo-eu unreachable (every API connection is reset) through kube-sim's fault endpoint. */
export async function takeDemoEuDown(): Promise<void> {
  const res = await fetch(`${EU_SIMULATOR}/_sim/faults`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ down: { mode: 'reset' } }),
  });
  if (!res.ok) throw new Error(`demo-eu fault endpoint answered ${res.status}`);
}

/** Ends every fault of cluster demo-eu. */
export async function bringDemoEuBack(): Promise<void> {
  const res = await fetch(`${EU_SIMULATOR}/_sim/faults`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${SIMULATOR_TOKEN}` },
  });
  if (!res.ok) throw new Error(`demo-eu fault endpoint answered ${res.status}`);
}

const EU_ROUTES = `${EU_SIMULATOR}/apis/kmop.dev/v1alpha1/namespaces/payments/gatewayroutes`;

/** Adds a GatewayRoute of payments with that hostname to cluster demo-eu, through the Kubernetes API. */
export async function addDemoEuRoute(
  name: string,
  hostname: string,
): Promise<void> {
  const route = demoObject('GatewayRoute', 'payments-eu', demoEuObjects);
  const res = await fetch(EU_ROUTES, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      apiVersion: route.apiVersion,
      kind: route.kind,
      metadata: { name, namespace: 'payments', labels: route.metadata.labels },
      spec: { ...route.spec, hostnames: [hostname] },
    }),
  });
  if (!res.ok)
    throw new Error(`demo-eu answered ${res.status} to the new route`);
}

/** Deletes a GatewayRoute of payments from cluster demo-eu (none is fine). */
export async function removeDemoEuRoute(name: string): Promise<void> {
  const res = await fetch(`${EU_ROUTES}/${name}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${SIMULATOR_TOKEN}` },
  });
  if (!res.ok && res.status !== 404) {
    throw new Error(`demo-eu answered ${res.status} to the route's deletion`);
  }
}
