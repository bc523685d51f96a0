import { test, expect, Locator, Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import {
  DemoObject,
  addDemoEuRoute,
  budgetSeconds,
  bringDemoEuBack,
  demoEuObjects,
  demoObject,
  demoPrometheusInstalled,
  describeStep,
  parseBudgetText,
  percent,
  removeDemoEuRoute,
  takeDemoEuDown,
} from './demoCluster';
import { openEntityTab, signIn } from './navigation';

// The KMOP tab of each demo Component, read as a person reads it and checked
// against the objects `yarn start` serves (examples/cluster on cluster demo,
// examples/cluster-eu on demo-eu). All tests share the one running app; the
// test that takes demo-eu down runs last and brings it back.

const REPORT = 'e2e-test-report';

// One signed-in page for every test: signing in and the first load of the
// development bundle are the slow part, and a person moves between tabs too.
test.describe.configure({ mode: 'serial' });
let page: Page;

test.beforeAll(async ({ browser }, testInfo) => {
  // The first load compiles the development bundle; give it time on a busy machine.
  test.setTimeout(240_000);
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
  });
  page = await context.newPage();
  await signIn(page);
});

test.afterAll(async () => {
  await page?.context().close();
});

async function openKmopTab(component: string): Promise<void> {
  await openEntityTab(page, component, 'KMOP');
  await page.getByTestId('kmop-summary').waitFor();
}

/** The item whose source is that object (the YAML button names it). */
function item(kind: string, name: string): Locator {
  return page.getByTestId('kmop-item').filter({
    has: page.getByRole('button', {
      name: `YAML of ${kind} ${name}`,
      exact: true,
    }),
  });
}

async function expectBudgetTime(
  slo: Locator,
  objectivePercent: number,
  window: string,
) {
  const text = await slo.getByTestId('kmop-slo-budget-time').innerText();
  const seconds = parseBudgetText(text);
  const expected = budgetSeconds(objectivePercent, window);
  // The page rounds to a readable figure (`3.6 hours`, `43.2 minutes`).
  expect(
    Math.abs(seconds - expected) / expected,
    `"${text}" is the budget of ${objectivePercent}% over ${window}`,
  ).toBeLessThan(0.02);
}

async function screenshot(name: string) {
  await page.screenshot({ path: `${REPORT}/kmop-${name}.png`, fullPage: true });
}

test('payments: routes of both clusters, SLO budget, rollout policy, resilience', async () => {
  await openKmopTab('payments');
  const route = demoObject('GatewayRoute', 'payments-public');
  const euRoute = demoObject('GatewayRoute', 'payments-eu', demoEuObjects);
  for (const hostname of [...route.spec.hostnames, ...euRoute.spec.hostnames]) {
    await expect(
      page.getByTestId('kmop-route-hostname').filter({ hasText: hostname }),
    ).toBeVisible();
  }

  const slo = demoObject('ServiceLevelObjective', 'payments-availability');
  const sloItem = item('ServiceLevelObjective', 'payments-availability');
  await expect(sloItem.getByTestId('kmop-slo-objective')).toContainText(
    `${percent(slo.spec.objective)} over ${
      /^(\d+)d$/.exec(slo.spec.window)![1]
    } days`,
  );
  await expectBudgetTime(sloItem, slo.spec.objective, slo.spec.window);

  const policy = demoObject('RolloutPolicy', 'payments');
  const rollout = item('RolloutPolicy', 'payments');
  await expect(rollout.getByTestId('kmop-rollout-current-step')).toHaveText(
    `All ${policy.spec.canary.steps.length} steps done`,
  );
  // The operator's status, from the Rollout it rendered: every step done, no canary traffic.
  await expect(rollout.getByTestId('kmop-rollout-canary-weight')).toContainText(
    'Canary 0%',
  );

  const resilience = demoObject('ResiliencePolicy', 'payments');
  const settings = item('ResiliencePolicy', 'payments');
  await expect(settings).toContainText(
    `${resilience.spec.retries.attempts} attempts`,
  );
  await expect(settings).toContainText(
    `request timeout ${resilience.spec.timeouts.request}`,
  );

  await expectAccessible(page);
  await screenshot('payments');
});

test('checkout: route, Sloth SLO, the canary step and weight, the release verdict, an item’s YAML', async () => {
  await openKmopTab('checkout');
  const route = demoObject('HTTPRoute', 'checkout');
  for (const hostname of route.spec.hostnames) {
    await expect(
      page.getByTestId('kmop-route-hostname').filter({ hasText: hostname }),
    ).toBeVisible();
  }

  const sloth = demoObject('PrometheusServiceLevel', 'checkout');
  const availability = sloth.spec.slos.find(
    (s: { name: string }) => s.name === 'requests-availability',
  );
  const sloItem = page
    .getByTestId('kmop-item')
    .filter({ has: page.getByRole('heading', { name: availability.name }) });
  // The Sloth object names no window: the page shows Sloth's default.
  await expect(sloItem.getByTestId('kmop-slo-objective')).toContainText(
    `${percent(availability.objective)} over 30 days`,
  );
  await expectBudgetTime(sloItem, availability.objective, '30d');

  // The simulator moves the canary every few seconds; whatever step the page
  // shows, the weight beside it is the last weight set up to that step (Argo
  // Rollouts sets a step's weight when the step begins).
  const rolloutObject = demoObject('Rollout', 'checkout');
  const rollout = item('Rollout', 'checkout');
  const step = rollout.getByTestId('kmop-rollout-current-step');
  const weight = rollout.getByTestId('kmop-rollout-canary-weight');
  await expect(async () => {
    const [stepText, weightText] = await Promise.all([
      step.innerText(),
      weight.innerText(),
    ]);
    expect(stepText).toMatch(/^Step \d+ of \d+: /);
    const index = Number(/^Step (\d+)/.exec(stepText)![1]) - 1;
    expect(stepText).toBe(
      `Step ${index + 1} of ${
        rolloutObject.spec.strategy.canary.steps.length
      }: ${describeStep(rolloutObject.spec.strategy.canary.steps[index])}`,
    );
    const expectedWeight = canaryWeightAt(rolloutObject, index);
    expect(weightText).toBe(
      `Canary ${expectedWeight}% · Stable ${100 - expectedWeight}%`,
    );
  }).toPass({ timeout: 45_000 });

  // The release view judges the canary by checkout's SLOs: with the demo
  // Prometheus the canary burns faster than the page alert's threshold; without
  // it, Sloth's status has no burn rates, and the page says it cannot tell.
  const verdict = page.getByTestId('kmop-release-verdict');
  if (demoPrometheusInstalled()) {
    await expect(verdict).toHaveAttribute('data-level', 'at-risk');
    for (const words of [
      `${availability.name} burns its error budget too fast`,
      `page alert ${availability.alerting.name}`,
      'above its 14.4× threshold',
    ]) {
      await expect(verdict).toContainText(words);
    }
  } else {
    await expect(verdict).not.toHaveAttribute('data-level', 'healthy');
  }

  const vs = demoObject('VirtualService', 'checkout-internal');
  const { retries } = vs.spec.http.find(
    (http: { retries?: unknown }) => http.retries,
  );
  const virtualService = item('VirtualService', 'checkout-internal').last();
  await expect(virtualService).toContainText(`${retries.attempts} attempts`);
  await expect(virtualService).toContainText(
    `${retries.perTryTimeout} per try`,
  );

  await expectAccessible(page);
  await screenshot('checkout');

  // Its source object, one click away, read from the cluster by the backend.
  await item('HTTPRoute', 'checkout')
    .first()
    .getByRole('button', { name: 'YAML of HTTPRoute checkout' })
    .click();
  const drawer = page.getByRole('dialog', { name: 'Source of checkout' });
  await expect(drawer).toContainText('kind: HTTPRoute');
  await expect(drawer).toContainText(`- ${route.spec.hostnames[0]}`);
  await expect(drawer).not.toContainText('managedFields');
  await screenshot('checkout-yaml');
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();
});

function canaryWeightAt(rollout: DemoObject, index: number): number {
  const steps: Array<{ setWeight?: number }> =
    rollout.spec.strategy.canary.steps;
  let weight = 0;
  for (const s of steps.slice(0, index + 1)) {
    if (s.setWeight !== undefined) weight = s.setWeight;
  }
  return weight;
}

test('checkout in demo mode: the rollout advances on screen and an expanded row stays expanded', async () => {
  await openKmopTab('checkout');
  const rollout = item('Rollout', 'checkout');
  const details = rollout.getByRole('button', {
    name: 'Details of Rollout checkout',
  });
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const detailsRegion = rollout.locator(
    `#${await details.getAttribute('aria-controls')}`,
  );
  await expect(detailsRegion).toBeVisible();

  const step = rollout.getByTestId('kmop-rollout-current-step');
  const first = await step.innerText();
  await expect(step).not.toHaveText(first, { timeout: 45_000 });
  const second = await step.innerText();
  await expect(step).not.toHaveText(second, { timeout: 45_000 });
  // Two refreshes later, the row the person opened is still open.
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect(detailsRegion).toBeVisible();
});

// app-config.yaml sets kmop.ui.signalRefreshIntervalSeconds to 600: the page
// polls every 10 minutes, so what shows within the test came by a signal.
test('payments: a route added in the cluster shows on the open page by a signal, an expanded row stays expanded', async () => {
  const name = 'payments-e2e-live';
  const hostname = 'pay.live.example.com';
  await removeDemoEuRoute(name);
  await openKmopTab('payments');
  const details = item('GatewayRoute', 'payments-eu').getByRole('button', {
    name: 'Details of GatewayRoute payments-eu',
  });
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const hostnames = page.getByTestId('kmop-route-hostname');
  await expect(hostnames.filter({ hasText: hostname })).toHaveCount(0);
  try {
    await addDemoEuRoute(name, hostname);
    await expect(hostnames.filter({ hasText: hostname })).toBeVisible({
      timeout: 15_000,
    });
    await expect(details).toHaveAttribute('aria-expanded', 'true');
  } finally {
    await removeDemoEuRoute(name);
  }
  await expect(hostnames.filter({ hasText: hostname })).toHaveCount(0, {
    timeout: 15_000,
  });
});

test('catalog-api: Ingress and GRPCRoute hosts, Pyrra SLO, Flagger canary, Envoy Gateway policy', async () => {
  await openKmopTab('catalog-api');
  const ingress = demoObject('Ingress', 'catalog-api');
  const grpcRoute = demoObject('GRPCRoute', 'catalog-api');
  for (const hostname of [
    ...ingress.spec.rules.map((r: { host: string }) => r.host),
    ...grpcRoute.spec.hostnames,
  ]) {
    await expect(
      page.getByTestId('kmop-route-hostname').filter({ hasText: hostname }),
    ).toBeVisible();
  }

  const pyrra = demoObject('ServiceLevelObjective', 'catalog-api-errors');
  const sloItem = item('ServiceLevelObjective', 'catalog-api-errors');
  const days = /^(\d+)d$/.exec(pyrra.spec.window)![1];
  await expect(sloItem.getByTestId('kmop-slo-objective')).toContainText(
    `${percent(Number(pyrra.spec.target))} over ${days} days`,
  );
  await expectBudgetTime(sloItem, Number(pyrra.spec.target), pyrra.spec.window);

  const canary = demoObject('Canary', 'catalog-api');
  const { stepWeight, maxWeight, threshold } = canary.spec.analysis;
  const weight = canary.status.canaryWeight;
  const flagger = item('Canary', 'catalog-api');
  await expect(flagger.getByTestId('kmop-rollout-current-step')).toHaveText(
    `Step ${weight / stepWeight} of ${
      maxWeight / stepWeight
    }: Set weight ${weight}%`,
  );
  await expect(flagger.getByTestId('kmop-rollout-canary-weight')).toHaveText(
    `Canary ${weight}% · Stable ${100 - weight}%`,
  );
  await expect(flagger.getByTestId('kmop-rollout-failed-checks')).toContainText(
    `${canary.status.failedChecks} of ${threshold}`,
  );

  const policy = demoObject('BackendTrafficPolicy', 'catalog-api');
  const settings = item('BackendTrafficPolicy', 'catalog-api');
  await expect(settings).toContainText(policy.spec.timeout.http.requestTimeout);
  await expect(settings).toContainText(
    String(policy.spec.circuitBreaker.maxConnections),
  );

  await expectAccessible(page);
  await screenshot('catalog-api');
});

test('search: the empty state tells how to link the entity', async () => {
  await openKmopTab('search');
  await expect(
    page.getByText('No KMOP resources found for this entity'),
  ).toBeVisible();
  await expect(page.getByText('kmop.dev/service-name').first()).toBeVisible();
  await expectAccessible(page);
  await screenshot('search');
});

test('payments with cluster demo-eu unreachable: its error, and demo’s data', async () => {
  await takeDemoEuDown();
  try {
    await openKmopTab('payments');
    const error = page.locator(
      '[data-testid="kmop-cluster-error"][data-cluster="demo-eu"]',
    );
    await expect(error).toBeVisible();
    await expect(error).toContainText('Cluster demo-eu');
    const route = demoObject('GatewayRoute', 'payments-public');
    await expect(
      page
        .getByTestId('kmop-route-hostname')
        .filter({ hasText: route.spec.hostnames[0] }),
    ).toBeVisible();
    await expect(
      item('ResiliencePolicy', 'payments').getByText(
        `${
          demoObject('ResiliencePolicy', 'payments').spec.retries.attempts
        } attempts`,
      ),
    ).toBeVisible();
    await screenshot('payments-cluster-down');
  } finally {
    await bringDemoEuBack();
  }
});
