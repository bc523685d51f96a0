import { test, expect, Page } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor();
  await enter.click();
}

test('the catalog lists the demo components', async ({ page }) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
  for (const name of ['payments', 'checkout', 'catalog-api']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.screenshot({ path: 'e2e-test-report/catalog.png', fullPage: true });
});

test('the Kubernetes tab shows the simulator’s deployment for catalog-api', async ({ page }) => {
  await signIn(page);
  await page.goto('/catalog/default/component/catalog-api/kubernetes');
  await expect(page.getByText('catalog-api', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('demo', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: 'e2e-test-report/kubernetes-tab.png', fullPage: true });
});
