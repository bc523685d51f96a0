import { test, expect } from '@playwright/test';
import { chooseTemplate, openEntityTab, signIn } from './navigation';

test('the catalog lists the demo components', async ({ page }) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  for (const name of ['payments', 'checkout', 'catalog-api']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.screenshot({
    path: 'e2e-test-report/catalog.png',
    fullPage: true,
  });
});

test('the Kubernetes tab shows the simulator’s objects for catalog-api', async ({
  page,
}) => {
  await openEntityTab(page, 'catalog-api', 'Kubernetes');
  await expect(page.getByText('demo', { exact: true }).first()).toBeVisible();
  // examples/cluster/catalog-api.yaml: four Pods, one crash-looping.
  await expect(page.getByText('4 pods')).toBeVisible();
  await expect(page.getByText('1 pod with errors')).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/kubernetes-tab.png',
    fullPage: true,
  });
});

test('the KMOP golden-path template offers its form', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page.getByText('KMOP microservice (TypeScript)')).toBeVisible();
  await chooseTemplate(page, 'KMOP microservice (TypeScript)').click();
  for (const step of [
    'Service',
    'Gateway',
    'Service level objective',
    'Rollout',
  ]) {
    await expect(page.getByText(step, { exact: true }).first()).toBeVisible();
  }
  await expect(
    page.getByRole('textbox', { name: 'Name', exact: true }),
  ).toBeVisible();
});

test('the scaffolder’s installed actions include KMOP’s actions-registry actions', async ({
  page,
}) => {
  await signIn(page);
  // Navigate inside the app (a full page load would ask to sign in again).
  await page.evaluate(() => {
    window.history.pushState({}, '', '/create/actions');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  for (const id of [
    'kmop:get-entity-view',
    'kmop:list-services',
    'kmop:explain-release',
    'kmop:validate-manifests',
    'kmop:generate-manifests',
    // The scaffolder module's own actions sit beside them.
    'kmop:manifests:generate',
  ]) {
    await expect(page.getByText(id, { exact: true }).first()).toBeVisible();
  }
  await page.getByText('kmop:explain-release', { exact: true }).first().click();
  await expect(
    page.getByText('is the checkout canary safe to promote?').first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-test-report/installed-actions.png',
    fullPage: true,
  });
});
