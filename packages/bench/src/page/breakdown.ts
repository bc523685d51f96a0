import { PageRecord, ResourceEntry, TrackedName } from './pageScript';

/**
 * How a run opened the KMOP tab: a full page load in a new browser context (empty cache),
 * a full page load in the same context again (files in the HTTP cache), or a click on the
 * tab inside the loaded app.
 */
export type Scenario = 'cold' | 'warm' | 'tab';

/** Main-thread time from Chromium's own counters (CDP `Performance.getMetrics`), ms. */
export interface MainThread {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

/** One request to the backend's API, times relative to the person's last click. */
export interface ApiRequest {
  what: string;
  startMs: number;
  /**
   * From sending to the first byte of the answer: the backend's time plus the hop.
   * Absent with `bytes` when the browser hides them (`hidden`).
   */
  waitMs?: number;
  durationMs: number;
  bytes?: number;
  /**
   * A cross-origin request whose answer has no `Timing-Allow-Origin` (the dev server's
   * app on :3000 calls the backend on :7007): the browser gives its first byte and size
   * as 0, which would read as figures.
   */
  hidden?: true;
}

/** Files of one type the page fetched in a phase. */
export interface Files {
  count: number;
  /** Bytes over the wire (0 when from the cache). */
  transferBytes: number;
  /** Bytes after decompression. */
  decodedBytes: number;
  /** From the first one's start to the last one's end. */
  spanMs: number;
}

/** One phase: before the sign-in page (page loads only) or from the click to the content. */
export interface Phase {
  js: Files;
  css: Files;
  longTasks: { count: number; totalMs: number; longestMs: number };
  mainThread: MainThread;
  /** Scripts that ran in long animation frames, by file, longest first (top 5). */
  scripts: Array<{ file: string; ms: number }>;
}

/** The figures of one run. */
export interface RunFigures {
  scenario: Scenario;
  /** Page loads: from navigation start (ms). */
  load?: {
    responseStartMs: number;
    firstContentfulPaintMs?: number;
    domContentLoadedMs: number;
    loadMs: number;
    /** The sign-in page's Enter button painted; absent when the app did not ask. */
    signInMs?: number;
  };
  /** From the person's last click (Enter, or the tab) to the KMOP content painted. */
  clickToContentMs: number;
  /**
   * What the person waits in all: for page loads, until the sign-in page and then from
   * Enter to the content (the time the person took to click is left out).
   */
  timeToContentMs: number;
  /** When each section was painted, after the click (ms); absent when it did not appear. */
  sections: Partial<Record<TrackedName, number>>;
  /** When each section's element entered the DOM, after the click (ms). */
  sectionsInDom: Partial<Record<TrackedName, number>>;
  /** Every file and request from the click to the content's paint, times after the click (JSON only). */
  timeline: Array<{
    what: string;
    startMs: number;
    endMs: number;
    /** Absent when the browser hides it (see `ApiRequest`'s `hidden`). */
    transferBytes?: number;
  }>;
  beforeSignIn?: Phase;
  afterClick: Phase;
  api: ApiRequest[];
}

const empty = (): Files => ({
  count: 0,
  transferBytes: 0,
  decodedBytes: 0,
  spanMs: 0,
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function files(entries: ResourceEntry[]): Files {
  if (entries.length === 0) return empty();
  return {
    count: entries.length,
    transferBytes: sum(entries.map(e => e.transferSize)),
    decodedBytes: sum(entries.map(e => e.decodedBodySize)),
    spanMs:
      Math.max(...entries.map(e => e.end)) -
      Math.min(...entries.map(e => e.start)),
  };
}

/** The file name of a URL (`static/main.3f2a.js` → `main.3f2a.js`). */
export function fileOf(url: string): string {
  if (!url) return '(no file)';
  try {
    return new URL(url).pathname.split('/').pop() || url;
  } catch {
    return url;
  }
}

/**
 * The kind of an API request, from its path: entity names and ids are dropped, so the
 * requests of every run group together (`/api/catalog/entities/by-name/…`).
 */
export function apiKind(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (!path.startsWith('/api/')) return undefined;
  const parts = path.split('/').slice(2);
  return `/api/${parts.slice(0, 3).join('/')}${parts.length > 3 ? '/…' : ''}`;
}

function phase(
  record: PageRecord,
  from: number,
  to: number,
  mainThread: MainThread,
): Phase {
  const inPhase = (e: ResourceEntry) => e.start >= from && e.start <= to;
  const resources = record.resources.filter(inPhase);
  const long = record.longTasks.filter(t => t.start >= from && t.start <= to);
  const byFile = new Map<string, number>();
  for (const frame of record.frames) {
    if (frame.start < from || frame.start > to) continue;
    for (const s of frame.scripts) {
      const file = fileOf(s.url);
      byFile.set(file, (byFile.get(file) ?? 0) + s.duration);
    }
  }
  return {
    js: files(resources.filter(r => /\.m?js(\?|$)/.test(r.url))),
    css: files(resources.filter(r => /\.css(\?|$)/.test(r.url))),
    longTasks: {
      count: long.length,
      totalMs: sum(long.map(t => t.duration)),
      longestMs: long.length ? Math.max(...long.map(t => t.duration)) : 0,
    },
    mainThread,
    scripts: [...byFile]
      .map(([file, ms]) => ({ file, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5),
  };
}

/**
 * The figures of one run from what the page recorded. `mainThread` holds Chromium's
 * counters for each phase. Throws when the content never appeared after the last click.
 */
export function analyseRun(options: {
  scenario: Scenario;
  record: PageRecord;
  mainThread: { beforeSignIn?: MainThread; afterClick: MainThread };
}): RunFigures {
  const { scenario, record, mainThread } = options;
  const click = record.clicks.length ? Math.max(...record.clicks) : 0;
  const after = (name: TrackedName) =>
    record.appeared.find(a => a.name === name && a.domAt >= click);
  const content = after('content');
  if (!content) throw new Error('the KMOP content did not appear');
  const sections: Partial<Record<TrackedName, number>> = {};
  const sectionsInDom: Partial<Record<TrackedName, number>> = {};
  for (const a of record.appeared) {
    if (a.domAt >= click && sections[a.name] === undefined) {
      sections[a.name] = a.paintedAt - click;
      sectionsInDom[a.name] = a.domAt - click;
    }
  }
  const clickToContentMs = content.paintedAt - click;
  const signIn = record.appeared.find(a => a.name === 'signIn');
  let load: RunFigures['load'];
  let timeToContentMs = clickToContentMs;
  if (scenario !== 'tab' && record.navigation) {
    load = {
      responseStartMs: record.navigation.responseStart,
      firstContentfulPaintMs: record.firstContentfulPaint,
      domContentLoadedMs: record.navigation.domContentLoaded,
      loadMs: record.navigation.load,
      signInMs: signIn?.paintedAt,
    };
    // Without a sign-in page the content came straight after the load: nobody clicked.
    timeToContentMs = signIn
      ? signIn.paintedAt + clickToContentMs
      : content.paintedAt;
  }
  const api: ApiRequest[] = [];
  for (const r of record.resources) {
    const what = apiKind(r.url);
    if (!what || r.start < click) continue;
    const hidden = r.responseStart === 0;
    api.push({
      what,
      startMs: r.start - click,
      durationMs: r.end - r.start,
      ...(hidden
        ? { hidden: true as const }
        : { waitMs: r.responseStart - r.start, bytes: r.transferSize }),
    });
  }
  api.sort((a, b) => a.startMs - b.startMs);
  const timeline = record.resources
    .filter(r => r.start >= click && r.start <= content.paintedAt)
    .map(r => ({
      what: apiKind(r.url) ?? fileOf(r.url),
      startMs: r.start - click,
      endMs: r.end - click,
      ...(r.responseStart === 0 ? {} : { transferBytes: r.transferSize }),
    }))
    .sort((a, b) => a.startMs - b.startMs);
  return {
    scenario,
    load,
    clickToContentMs,
    timeToContentMs,
    sections,
    sectionsInDom,
    timeline,
    beforeSignIn:
      load && mainThread.beforeSignIn
        ? phase(record, 0, click, mainThread.beforeSignIn)
        : undefined,
    afterClick: phase(record, click, content.domAt, mainThread.afterClick),
    api,
  };
}

/** The median (the lower middle of an even count); undefined for no values. */
export function median(values: Array<number | undefined>): number | undefined {
  const known = values
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  return known[Math.floor((known.length - 1) / 2)];
}
