import { Locator, Page } from '@playwright/test';

function catalogLink(page: Page): Locator {
  return page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true });
}

/** Opens the app and enters as the guest. */
export async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor();
  await enter.click();
  await catalogLink(page).waitFor();
}

/**
 * Opens a tab of a catalog entity from the catalog, inside the app (a full
 * page load would ask to sign in again); signs in first when needed. Tabs of
 * the Deployment group (Kubernetes, KMOP) sit in its menu when there are
 * several, and are tabs of their own otherwise.
 */
export async function openEntityTab(
  page: Page,
  entity: string,
  tab: string,
): Promise<void> {
  if (await catalogLink(page).isVisible()) {
    await catalogLink(page).click();
  } else {
    await signIn(page);
  }
  await page.getByRole('link', { name: entity, exact: true }).click();
  const nav = page.getByRole('navigation', { name: 'Content navigation' });
  const link = nav.getByRole('link', { name: tab, exact: true });
  const group = nav.getByRole('button', { name: 'Deployment' });
  await link.or(group).first().waitFor();
  if (await link.isVisible()) {
    await link.click();
  } else {
    await group.click();
    await page.getByRole('menuitemradio', { name: tab, exact: true }).click();
  }
}

/**
 * The Choose button of one template's card on the Create page: the nearest ancestor of the
 * title that holds a Choose button is the card (the page lists several templates).
 */
export function chooseTemplate(page: Page, title: string): Locator {
  return page
    .getByText(title, { exact: true })
    .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]')
    .getByRole('button', { name: 'Choose' });
}
