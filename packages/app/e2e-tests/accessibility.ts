import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/**
 * Axe on the page's main content: no serious or critical violations.
 *
 * axe reads colours as they are at the moment it scans, so a dialog or backdrop still
 * fading in gives mid-transition colours and a contrast failure that is not there: the
 * scan waits for finite animations to end (spinners loop forever and are not waited for).
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        a =>
          a.playState !== 'running' ||
          a.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help}; ${
          v.nodes.length
        } nodes, e.g. ${v.nodes
          .slice(0, 3)
          .map(n => `${n.target.join(' ')} (${n.failureSummary})`)
          .join(' | ')}`,
    );
  expect(serious).toEqual([]);
}
