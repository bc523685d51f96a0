// The script the bench adds to every page before the app's own scripts, and the expression
// that reads back what it recorded. Plain JavaScript strings: a function's source would be
// the TypeScript loader's output, which may call helpers the page does not have.

// The entity's Overview has KMOP's health card with the same summary strip: the tab's
// elements are those inside its own root.
const inTab = (selector: string) => `[data-testid="kmop-tab"] ${selector}`;

/** What the page records, by name: the CSS selector of the element whose appearance is timed. */
export const TRACKED = {
  /** The app's shell: the sidebar. */
  shell: 'nav[aria-label="sidebar nav"]',
  /** The KMOP tab's content: its summary strip renders with the view. */
  content: inTab('[data-testid="kmop-summary"]'),
  release: inTab('[data-testid="kmop-release-panel"]'),
  routes: inTab('[data-testid="kmop-route-hostname"]'),
  slos: inTab('[data-testid="kmop-slo-objective"]'),
  /** The readiness section, read by its own request after the view. */
  readiness: [
    '[data-testid^="readiness-check-"]',
    '[data-testid="readiness-nothing-runs"]',
  ]
    .map(inTab)
    .join(', '),
};

export type TrackedName = keyof typeof TRACKED | 'signIn';

/**
 * Records, in page time (ms since navigation start): each time a tracked element appears
 * (a MutationObserver notices it; the time after the next frame is kept, as the moment it
 * is painted), every click, long tasks and long animation frames (with the scripts that ran
 * in them). The resource timing buffer is raised: the app loads more files than its default 250.
 */
export const INIT_SCRIPT = `(() => {
  const tracked = ${JSON.stringify(TRACKED)};
  const rec = { appeared: [], clicks: [], longTasks: [], frames: [] };
  window.__kmopBench = rec;
  performance.setResourceTimingBufferSize(10000);
  const present = {};
  const signIn = () => {
    for (const b of document.querySelectorAll('button')) {
      if (b.textContent.trim() === 'Enter') return true;
    }
    return false;
  };
  let signInSeen = false;
  const check = () => {
    const now = performance.now();
    const seen = name => {
      requestAnimationFrame(() =>
        setTimeout(() =>
          rec.appeared.push({ name, domAt: now, paintedAt: performance.now() }),
        ),
      );
    };
    for (const [name, selector] of Object.entries(tracked)) {
      const here = document.querySelector(selector) !== null;
      if (here && !present[name]) seen(name);
      present[name] = here;
    }
    if (!signInSeen && signIn()) {
      signInSeen = true;
      seen('signIn');
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('click', () => rec.clicks.push(performance.now()), true);
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        rec.longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        rec.frames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          scripts: (e.scripts || []).map(s => ({
            url: s.sourceURL,
            invoker: s.invokerType + ' ' + s.invoker,
            duration: s.duration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})();`;

/** One resource the page fetched, from the Resource Timing API (ms, page time). */
export interface ResourceEntry {
  url: string;
  initiatorType: string;
  start: number;
  responseStart: number;
  end: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

/** What `READ_PAGE` returns. */
export interface PageRecord {
  navigation?: {
    responseStart: number;
    domContentLoaded: number;
    load: number;
    transferSize: number;
  };
  firstContentfulPaint?: number;
  resources: ResourceEntry[];
  appeared: Array<{ name: TrackedName; domAt: number; paintedAt: number }>;
  clicks: number[];
  longTasks: Array<{ start: number; duration: number }>;
  frames: Array<{
    start: number;
    duration: number;
    blocking: number;
    scripts: Array<{ url: string; invoker: string; duration: number }>;
  }>;
}

export const READ_PAGE = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const rec = window.__kmopBench;
  return {
    navigation: nav && {
      responseStart: nav.responseStart,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      transferSize: nav.transferSize,
    },
    firstContentfulPaint: fcp && fcp.startTime,
    resources: performance.getEntriesByType('resource').map(r => ({
      url: r.name,
      initiatorType: r.initiatorType,
      start: r.startTime,
      responseStart: r.responseStart,
      end: r.responseEnd,
      transferSize: r.transferSize,
      encodedBodySize: r.encodedBodySize,
      decodedBodySize: r.decodedBodySize,
    })),
    appeared: rec.appeared,
    clicks: rec.clicks,
    longTasks: rec.longTasks,
    frames: rec.frames,
  };
})()`;
