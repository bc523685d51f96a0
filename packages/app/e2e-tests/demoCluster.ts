import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { delimiter } from 'node:path';
import { parseAllDocuments } from 'yaml';

// What the end-to-end tests expect the KMOP tab to show, read from the demo
// objects `yarn start` serves (examples/cluster on cluster demo,
// examples/cluster-eu on cluster demo-eu), so the tests follow the examples.

const ROOT = join(__dirname, '../../..');

/** A demo object as written in the examples. */
export type DemoObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
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

/** `0.995` → `99.5%`, as a person writes it. */
export function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(3))}%`;
}

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

/**
 * The error budget as time over the window, computed here from the objective
 * and the window: 99.5% over 30d → `3.6 h per 30 days`.
 */
export function budgetTime(objectivePercent: number, window: string): string {
  const match = /^(\d+)([smhdw])$/.exec(window);
  if (!match) throw new Error(`not a window: ${window}`);
  const seconds =
    ((100 - objectivePercent) / 100) * Number(match[1]) * UNIT_SECONDS[match[2]];
  const one = (n: number) => `${Number(n.toFixed(1))}`;
  let amount: string;
  if (seconds < 3600) amount = `${one(seconds / 60)} min`;
  else if (seconds < 2 * 86400) amount = `${one(seconds / 3600)} h`;
  else amount = `${one(seconds / 86400)} days`;
  const unit = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' }[
    match[2]
  ]!;
  return `${amount} per ${match[1]} ${match[1] === '1' ? unit : `${unit}s`}`;
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
