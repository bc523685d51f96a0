import { Files, Phase, RunFigures, Scenario, median } from './breakdown';

/** Everything `yarn bench:page` measured. */
export interface PageBenchResult {
  entity: string;
  runs: number;
  prometheus: boolean;
  /**
   * `--dev`: when the development server listened after `yarn start` began, how long its
   * first compile took from then, and the unreported warm-up's cold time to content (the
   * first open).
   */
  devServer?: { listeningMs: number; compileMs: number; firstOpenMs?: number };
  /** `os.loadavg()` before the runs and after them (1, 5 and 15 minutes). */
  loadAverage: { before: number[]; after: number[] };
  figures: RunFigures[];
}

const SCENARIOS: Array<[Scenario, string]> = [
  ['cold', 'cold load (new browser context, empty cache)'],
  ['warm', 'warm load (same context: files in the HTTP cache)'],
  ['tab', 'tab click in the loaded app (Overview → KMOP)'],
];

const ms = (v: number | undefined) =>
  v === undefined ? '—' : `${Math.round(v).toLocaleString('en')} ms`;
const kb = (v: number | undefined) =>
  v === undefined ? '—' : `${Math.round(v / 1024).toLocaleString('en')} KB`;

function p50<T>(runs: T[], pick: (run: T) => number | undefined) {
  return median(runs.map(pick));
}

function filesLine(
  name: string,
  runs: RunFigures[],
  pick: (r: RunFigures) => Files | undefined,
) {
  return `    ${name}: ${p50(runs, r => pick(r)?.count)} files, ${kb(
    p50(runs, r => pick(r)?.transferBytes),
  )} over the wire, ${kb(
    p50(runs, r => pick(r)?.decodedBytes),
  )} decoded, fetched over ${ms(p50(runs, r => pick(r)?.spanMs))}`;
}

function phaseLines(
  title: string,
  runs: RunFigures[],
  pick: (r: RunFigures) => Phase | undefined,
) {
  if (!runs.some(r => pick(r))) return [];
  const scripts = new Map<string, number[]>();
  for (const run of runs) {
    for (const s of pick(run)?.scripts ?? []) {
      scripts.set(s.file, [...(scripts.get(s.file) ?? []), s.ms]);
    }
  }
  const top = [...scripts]
    .map(([file, values]) => ({
      file,
      ms: median(values)!,
      runs: values.length,
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return [
    `  ${title}`,
    filesLine('JS', runs, r => pick(r)?.js),
    filesLine('CSS', runs, r => pick(r)?.css),
    `    main thread: ${ms(
      p50(runs, r => pick(r)?.mainThread.taskMs),
    )} busy, of which script ${ms(
      p50(runs, r => pick(r)?.mainThread.scriptMs),
    )}, layout ${ms(p50(runs, r => pick(r)?.mainThread.layoutMs))}, style ${ms(
      p50(runs, r => pick(r)?.mainThread.styleMs),
    )}`,
    `    long tasks: ${p50(runs, r => pick(r)?.longTasks.count)}, ${ms(
      p50(runs, r => pick(r)?.longTasks.totalMs),
    )} in all, longest ${ms(p50(runs, r => pick(r)?.longTasks.longestMs))}`,
    ...(top.length
      ? [
          `    scripts in long frames: ${top
            .map(s => `${s.file} ${ms(s.ms)} (${s.runs}/${runs.length} runs)`)
            .join(', ')}`,
        ]
      : []),
  ];
}

function apiLines(runs: RunFigures[], from: string) {
  const kinds = new Map<string, RunFigures['api']>();
  for (const run of runs) {
    for (const r of run.api)
      kinds.set(r.what, [...(kinds.get(r.what) ?? []), r]);
  }
  const rows = [...kinds].map(([what, requests]) => ({
    what,
    perRun: requests.length / runs.length,
    start: median(requests.map(r => r.startMs))!,
    wait: median(requests.map(r => r.waitMs)),
    duration: median(requests.map(r => r.durationMs))!,
    bytes: median(requests.map(r => r.bytes)),
  }));
  const hidden = runs.some(run => run.api.some(r => r.hidden));
  rows.sort((a, b) => a.start - b.start);
  return [
    `  API requests after ${from} (p50 of each kind: start, time to first byte, duration, bytes):`,
    ...rows.map(
      r =>
        `    ${r.what} ×${r.perRun.toFixed(1)}: starts ${ms(
          r.start,
        )}, first byte ${ms(r.wait)}, takes ${ms(r.duration)}, ${kb(r.bytes)}`,
    ),
    ...(hidden
      ? [
          '    (— : the backend is another origin and sends no Timing-Allow-Origin, so Chromium hides the first byte and size)',
        ]
      : []),
  ];
}

/** The figures as text, one block per way of opening the tab. */
export function formatPageReport(result: PageBenchResult): string {
  const load = (values: number[]) => values.map(v => v.toFixed(2)).join(' ');
  const dev = result.devServer;
  const lines = [
    `KMOP tab of ${result.entity}, ${
      dev ? 'development server (yarn start)' : 'production app'
    }, ${result.runs} runs of each (p50)`,
    ...(dev
      ? [
          `development server (not in the figures): listening ${ms(
            dev.listeningMs,
          )} after yarn start began, first compile ${ms(
            dev.compileMs,
          )} from then, first open of the tab (the warm-up) ${ms(
            dev.firstOpenMs,
          )}`,
        ]
      : []),
    `load average before ${load(result.loadAverage.before)}, after ${load(
      result.loadAverage.after,
    )}; demo Prometheus: ${result.prometheus ? 'yes' : 'no'}`,
  ];
  for (const [scenario, title] of SCENARIOS) {
    const runs = result.figures.filter(f => f.scenario === scenario);
    if (runs.length === 0) continue;
    lines.push('', `${title}:`);
    lines.push(
      `  time to content ${ms(p50(runs, r => r.timeToContentMs))} (runs: ${runs
        .map(r => ms(r.timeToContentMs))
        .join(', ')})`,
    );
    if (scenario !== 'tab') {
      lines.push(
        `  first byte ${ms(
          p50(runs, r => r.load?.responseStartMs),
        )}, first contentful paint ${ms(
          p50(runs, r => r.load?.firstContentfulPaintMs),
        )}, DOMContentLoaded ${ms(
          p50(runs, r => r.load?.domContentLoadedMs),
        )}, load ${ms(p50(runs, r => r.load?.loadMs))}, sign-in page ${ms(
          p50(runs, r => r.load?.signInMs),
        )}`,
      );
    }
    // A returning guest's session is still valid: the app signs in without asking.
    const signedIn =
      scenario !== 'tab' && runs.every(r => r.load?.signInMs === undefined);
    const from = signedIn ? 'the start' : 'the click';
    lines.push(
      `  after ${from}, painted: ${(
        ['shell', 'content', 'routes', 'slos', 'release', 'readiness'] as const
      )
        .map(name => `${name} ${ms(p50(runs, r => r.sections[name]))}`)
        .join(', ')}; the content entered the DOM at ${ms(
        p50(runs, r => r.sectionsInDom.content),
      )}`,
    );
    lines.push(
      ...phaseLines('before the sign-in page:', runs, r => r.beforeSignIn),
    );
    lines.push(
      ...phaseLines(`from ${from} to the content:`, runs, r => r.afterClick),
    );
    lines.push(...apiLines(runs, from));
  }
  return lines.join('\n');
}
