import AxeBuilder from '@axe-core/playwright';
import { test, expect, Page, Locator } from '@playwright/test';
import {
  budgetTime,
  bringDemoEuBack,
  demoEuObjects,
  demoObject,
  demoPrometheusInstalled,
  percent,
  takeDemoEuDown,
} from './demoCluster';

// The KMOP tab of each demo Component, read as a person reads it, against the
// objects `yarn start` serves (examples/cluster and examples/cluster-eu).
// Tests run in order on one app; the one that takes demo-eu down runs last and
// brings it back.

const REPORT = 'e2e-test-report';

async function openKmopTab(page: Page, component: string): Promise<Locator> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor();
  await enter.click();
  // Navigate inside the app: a full page load would ask to sign in again.
  await page.getByRole('link', { name: component, exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'KMOP' })
    .click();
  const summary = page.getByTestId('kmop-summary');
  await summary.waitFor();
  return page.getByRole('main');
}

function item(page: Page, kind: string, name: string): Locator {
  return page
    .getByTestId('kmop-item')
    .filter({ has: page.getByRole('button', { name: `YAML of ${kind} ${name}` }) });
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('main')
    .analyze();
  const serious = results.violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target}`),
  ).toEqual([]);
}

test('payments: routes of both clusters, SLO budget, rollout policy and resilience', async ({ page }) => {
  await openKmopTab(page, 'payments');
  const route = demoObject('GatewayRoute', 'payments-public');
  const euRoute = demoObject('GatewayRoute', 'payments-eu', demoEuObjects);
  for (const hostname of [...route.spec.hostnames, ...euRoute.spec.hostnames]) {
    await expect(
      page.getByTestId('kmop-route-hostname').filter({ hasText: hostname }),
    ).toBeVisible();
  }

  const slo = demoObject('ServiceLevelObjective', 'payments-availability');
  const sloItem = item(page, 'ServiceLevelObjective', 'payments-availability');
  await expect(sloItem.getByTestId('kmop-slo-objective')).toContainText(
    percent(slo.spec.objective / 100),
  );
  await expect(sloItem.getByTestId('kmop-slo-budget-time')).toHaveText(
    budgetTime(slo.spec.objective, slo.spec.window),
  );

  const policy = demoObject('RolloutPolicy', 'payments');
  const rollout = item(page, 'RolloutPolicy', 'payments');
  await expect(rollout.getByTestId('kmop-rollout-phase')).toContainText(
    policy.status.phase,
  );
  await expect(rollout.getByTestId('kmop-rollout-canary-weight')).toContainText(
    `Canary ${policy.status.canaryWeight}%`,
  );

  const resilience = demoObject('ResiliencePolicy', 'payments');
  const policyItem = item(page, 'ResiliencePolicy', 'payments');
  await expect(policyItem).toContainText(
    `${resilience.spec.retries.attempts} attempts`,
  );
  await expect(policyItem).toContainText(resilience.spec.timeouts.request);

  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${REPORT}/kmop-payments.png`, fullPage: true });
});
