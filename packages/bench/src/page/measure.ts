import { writeFileSync } from 'node:fs';
import {
  Browser,
  BrowserContext,
  CDPSession,
  Page,
  chromium,
} from 'playwright-core';
import { MainThread, RunFigures, Scenario, analyseRun } from './breakdown';
import { INIT_SCRIPT, PageRecord, READ_PAGE, TRACKED } from './pageScript';

// Debian's Chromium with the settings of the e2e tests (playwright.config.ts); Playwright's
// own browser downloads are never used.
const CHROMIUM = process.env.KMOP_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
// Bounds on waiting for the page on a loaded machine; not measurements.
const WAIT_MS = 120_000;

async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) =>
    (metrics.find(m => m.name === name)?.value ?? 0) * 1000;
  return {
    taskMs: get('TaskDuration'),
    scriptMs: get('ScriptDuration'),
    layoutMs: get('LayoutDuration'),
    styleMs: get('RecalcStyleDuration'),
  };
}

const minus = (a: MainThread, b: MainThread): MainThread => ({
  taskMs: a.taskMs - b.taskMs,
  scriptMs: a.scriptMs - b.scriptMs,
  layoutMs: a.layoutMs - b.layoutMs,
  styleMs: a.styleMs - b.styleMs,
});

/** Waits until the readiness section shows too, so its request is in the record; not timed. */
async function settle(page: Page) {
  await page
    .locator(TRACKED.readiness)
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(() => {});
}

/** One browser for all runs; each run says how it opened the tab. */
export class PageRunner {
  private constructor(
    private readonly browser: Browser,
    private readonly url: string,
  ) {}

  /** `url`: the entity's KMOP tab, e.g. `<base>/catalog/default/component/checkout/kmop`. */
  static async start(options: { url: string }): Promise<PageRunner> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ARGS,
    });
    return new PageRunner(browser, options.url);
  }

  async close() {
    await this.browser.close();
  }

  /** A new context: no cookies, an empty HTTP cache, as a person's first visit. */
  async newContext(): Promise<BrowserContext> {
    const context = await this.browser.newContext();
    await context.addInitScript({ content: INIT_SCRIPT });
    return context;
  }

  /**
   * Opens the KMOP tab by loading its URL in a new page of `context`, enters as the guest
   * when the app asks, and waits for the content.
   */
  async load(
    context: BrowserContext,
    scenario: Exclude<Scenario, 'tab'>,
    /** A file to write a CPU profile of the page from the Enter click to the content into. */
    profile?: string,
  ): Promise<{ figures: RunFigures; page: Page }> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const start = await mainThread(cdp);
    await page.goto(this.url, { waitUntil: 'commit' });
    const enter = page.getByRole('button', { name: 'Enter', exact: true });
    const content = page.locator(TRACKED.content);
    await enter.or(content).first().waitFor({ timeout: WAIT_MS });
    let beforeSignIn: MainThread | undefined;
    let atClick = start;
    if (await enter.isVisible()) {
      if (profile) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      }
      atClick = await mainThread(cdp);
      beforeSignIn = minus(atClick, start);
      await enter.click();
    }
    await content.waitFor({ timeout: WAIT_MS });
    const afterClick = minus(await mainThread(cdp), atClick);
    if (profile && beforeSignIn) {
      const { profile: data } = await cdp.send('Profiler.stop');
      writeFileSync(profile, JSON.stringify(data));
    }
    await settle(page);
    const record = (await page.evaluate(READ_PAGE)) as PageRecord;
    await cdp.detach();
    return {
      figures: analyseRun({
        scenario,
        record,
        mainThread: { beforeSignIn, afterClick },
      }),
      page,
    };
  }

  /**
   * In a page that shows the KMOP tab: opens the entity's Overview tab, then the KMOP tab
   * again, as a person moving between tabs; the content is read again on mount.
   */
  async tab(page: Page): Promise<RunFigures> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const nav = page.getByRole('navigation', { name: 'Content navigation' });
    // On a loaded machine a click on Overview was once lost (the tab stayed): click again.
    for (let attempt = 1; ; attempt++) {
      await nav.getByRole('link', { name: 'Overview', exact: true }).click();
      const left = await page
        .getByTestId('kmop-tab')
        .waitFor({ state: 'detached', timeout: WAIT_MS / 4 })
        .then(() => true)
        .catch(() => false);
      if (left) break;
      if (attempt === 4) throw new Error('the Overview tab did not open');
    }
    const link = nav.getByRole('link', { name: 'KMOP', exact: true });
    const group = nav.getByRole('button', { name: 'Deployment' });
    await link.or(group).first().waitFor({ timeout: WAIT_MS });
    // Tabs of the Deployment group (Kubernetes, KMOP) sit in its menu when there are several.
    const viaMenu = !(await link.isVisible());
    if (viaMenu) {
      await group.click();
    }
    const before = await mainThread(cdp);
    if (viaMenu) {
      await page
        .getByRole('menuitemradio', { name: 'KMOP', exact: true })
        .click();
    } else {
      await link.click();
    }
    await page.locator(TRACKED.content).waitFor({ timeout: WAIT_MS });
    const afterClick = minus(await mainThread(cdp), before);
    await settle(page);
    const record = (await page.evaluate(READ_PAGE)) as PageRecord;
    await cdp.detach();
    return analyseRun({ scenario: 'tab', record, mainThread: { afterClick } });
  }
}
