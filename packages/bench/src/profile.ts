import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

/** A function's share of the sampled CPU time. */
export interface ProfileFrame {
  frame: string;
  /** Time in the function itself, % of samples. */
  selfPct: number;
  /** Time in it and what it called, % of samples. */
  totalPct: number;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '');
  const short = file.replace(/^.*\/(plugins|packages)\//, '$1/');
  return `${functionName || '(anonymous)'} ${
    short ? `${short}:${lineNumber + 1}` : ''
  }`.trim();
}

/**
 * The functions a CPU profile spent most time in: by self time, and by total
 * time (each function counted once per stack, so recursion is not doubled).
 */
export function summarizeProfile(
  file: string,
  top = 15,
): {
  self: ProfileFrame[];
  total: ProfileFrame[];
  samples: number;
} {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let samples = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    samples += hits;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + hits);
    const seen = new Set<string>();
    for (
      let id: number | undefined = node.id;
      id !== undefined;
      id = parent.get(id)
    ) {
      const frame = frameName(byId.get(id)!);
      if (seen.has(frame)) continue;
      seen.add(frame);
      total.set(frame, (total.get(frame) ?? 0) + hits);
    }
  }
  const ranked = (
    m: Map<string, number>,
    other: Map<string, number>,
    bySelf: boolean,
  ) =>
    [...m.entries()]
      .filter(
        ([frame]) =>
          !/^\((root|program|idle|garbage collector)\)/.test(frame) || bySelf,
      )
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, hits]) => {
        const s = bySelf ? hits : other.get(frame) ?? 0;
        const t = bySelf ? other.get(frame) ?? 0 : hits;
        return {
          frame,
          selfPct: (100 * s) / samples,
          totalPct: (100 * t) / samples,
        };
      });
  return {
    self: ranked(self, total, true),
    total: ranked(total, self, false),
    samples,
  };
}
