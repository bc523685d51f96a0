import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { demoPrometheusInstalled } from './demoCluster';
import { openEntityTab } from './navigation';

// Operating checkout's canary from its KMOP tab, as its owner (the guest is in
// payments-team): promote, abort, retry; and catalog-api, which the guest does not own.
// The steps change the demo's one Rollout, so they run in order on one page.
test.describe.configure({ mode: 'serial' });

const REPORT = 'e2e-test-report';
let page: Page;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.close();
});

function panel(): Locator {
  return page.getByTestId('kmop-release-panel').first();
}

async function confirm(operation: string): Promise<Locator> {
  const button = panel().getByTestId(`kmop-operation-${operation}`);
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Cluster demo, namespace checkout');
  return dialog;
}

/**
 * Confirms `operation` until the cluster takes it. The demo's controller moves checkout's
 * Rollout on its own, so a click can meet a newer version: the page then answers "changed
 * since you looked" and shows the new state, and a person looks again and retries — so does
 * this, a few times. `inspect` checks each confirmation before it is accepted.
 */
async function operate(
  operation: string,
  inspect: (dialog: Locator) => Promise<void> = async () => {},
): Promise<void> {
  const outcome = panel().getByTestId('kmop-operation-outcome');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await expect(
      panel().getByTestId(`kmop-operation-${operation}`),
    ).toBeEnabled({ timeout: 90_000 });
    const dialog = await confirm(operation);
    await inspect(dialog);
    await dialog.getByTestId('kmop-operation-confirm-button').click();
    await expect(dialog).toBeHidden();
    await expect(outcome).toContainText(/sent to|changed since you looked/, {
      timeout: 20_000,
    });
    if (!(await outcome.innerText()).includes('changed since you looked')) {
      await expect(outcome).toContainText(`sent to Rollout checkout.`);
      return;
    }
  }
  throw new Error(`${operation}: the Rollout changed under each of 3 attempts`);
}

test('promote checkout’s canary from the page: the confirmation shows the burn, the step advances', async () => {
  await openEntityTab(page, 'checkout', 'KMOP');
  const steps = panel().getByTestId('kmop-rollout-current-step');
  await expect(steps).toBeVisible();
  // A canary paused at a step can be promoted; wait for one (the demo moves on its own).
  await expect(panel().getByTestId('kmop-operation-promote')).toBeEnabled({
    timeout: 90_000,
  });
  let before = '';
  await operate('promote', async dialog => {
    before = await steps.innerText();
    await expect(dialog).toContainText('Promote Rollout checkout?');
    const judgement = dialog.getByTestId('kmop-operation-confirm-judgement');
    await expect(judgement).toBeVisible();
    if (demoPrometheusInstalled()) {
      // The demo canary burns faster than the page alert: the dialog says so and asks.
      await expect(judgement).toHaveAttribute('data-level', 'at-risk');
      await expect(dialog).toContainText('requests-availability burns');
      await expect(dialog).toContainText('Promote anyway?');
    }
    await expectAccessible(page);
    await page.screenshot({ path: `${REPORT}/kmop-operations-confirm.png` });
  });
  await expect(panel().getByTestId('kmop-operation-outcome')).toContainText(
    'Promote: sent to Rollout checkout.',
  );
  await expect(steps).not.toHaveText(before, { timeout: 20_000 });
});

test('abort it: stable takes all the traffic, and the release says it was aborted', async () => {
  await operate('abort');
  await expect(panel().getByTestId('kmop-release-verdict')).toHaveAttribute(
    'data-level',
    'aborted',
    { timeout: 20_000 },
  );
  await expect(panel().getByTestId('kmop-rollout-canary-weight')).toHaveText(
    'Canary 0% · Stable 100%',
  );
  await expect(panel().getByTestId('kmop-operation-promote')).toBeDisabled();
});

test('retry it: the rollout leaves the aborted state', async () => {
  await operate('retry');
  await expect(panel().getByTestId('kmop-release-verdict')).not.toHaveAttribute(
    'data-level',
    'aborted',
    { timeout: 20_000 },
  );
  await expect(panel().getByTestId('kmop-operation-retry')).toBeDisabled();
});

test('catalog-api: promote is disabled, and the page says why', async () => {
  await openEntityTab(page, 'catalog-api', 'KMOP');
  const release = panel();
  await expect(release.getByTestId('kmop-operations-denied')).toBeVisible();
  const promote = release.getByTestId('kmop-operation-promote');
  await expect(promote).toBeDisabled();
  await expect(promote).toHaveAttribute(
    'data-reason',
    'You may not operate this entity’s releases.',
  );
  await expectAccessible(page);
});
