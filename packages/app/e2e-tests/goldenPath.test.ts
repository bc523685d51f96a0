import { test, expect, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join, relative, resolve } from 'node:path';
import { chooseTemplate } from './navigation';

/*
 * The golden path as a new user walks it: fill the kmop-microservice form, run
 * it, follow the output link to the new service's KMOP tab with its resources
 * read from the simulator `yarn start` runs, reconciled by the KMOP operator it
 * runs (Ready, and the rendered objects under each KMOP item). A second run with
 * the same name fails and changes nothing; a dry run from the template editor
 * applies nothing.
 */

const ROOT = resolve(__dirname, '../../..');
const TEMPLATE_DIR = join(ROOT, 'examples/templates/kmop-microservice');
// The demo cluster (scripts/start.mjs): TLS with the CA in .kube-sim/, and the
// simulator's development token.
const CLUSTER = 'https://127.0.0.1:6443';
const TOKEN = 'kmop-dev-token';
const NAME = `golden-${Date.now().toString(36)}`;
const KINDS = [
  ['microservices', NAME],
  ['gatewayroutes', NAME],
  ['servicelevelobjectives', `${NAME}-availability`],
  ['rolloutpolicies', NAME],
  ['resiliencepolicies', NAME],
];

/** GET from the demo cluster's API, as kubectl would. */
function kubeGet(path: string): Promise<{ status: number; body: any }> {
  return new Promise((done, fail) => {
    const req = httpsRequest(
      `${CLUSTER}${path}`,
      {
        ca: readFileSync(join(ROOT, '.kube-sim/ca.crt')),
        headers: { Authorization: `Bearer ${TOKEN}` },
      },
      res => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', fail);
    req.end();
  });
}

/**
 * What a write of the golden path would change of each KMOP object of the service — its
 * generation, labels, annotations and spec — or 404 when absent. Not its resourceVersion:
 * the operator's status writes change that (an SLO's measurement, every minute).
 */
async function serviceObjects(name = NAME, namespace = 'default') {
  const found: Record<string, string | number> = {};
  for (const [plural, objectName] of KINDS) {
    const res = await kubeGet(
      `/apis/kmop.dev/v1alpha1/namespaces/${namespace}/${plural}/${objectName.replace(
        NAME,
        name,
      )}`,
    );
    const { generation, labels, annotations } = res.body.metadata ?? {};
    found[plural] =
      res.status === 200
        ? JSON.stringify({
            generation,
            labels,
            annotations,
            spec: res.body.spec,
          })
        : res.status;
  }
  return found;
}

async function signIn(page: Page, path = '/') {
  // The guest sign-in page shows on any path; entering renders that path.
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor();
  await enter.click();
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Fills the form page by page, leaving every default, and reviews it. */
async function fillForm(page: Page, name: string) {
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owner', exact: true });
  await owner.click();
  await owner.fill('payments');
  await page.getByRole('option').filter({ hasText: 'Payments team' }).click();
  await next(page);
  await page
    .getByRole('textbox', { name: 'Hostname', exact: true })
    .fill(`${name}.example.com`);
  await next(page); // Gateway
  await next(page); // Service level objective
  await next(page); // Rollout
  await next(page); // Resilience and manifests
  await expect(
    page.getByRole('textbox', { name: 'Cluster', exact: true }),
  ).toHaveValue('demo');
  await page.getByRole('button', { name: 'Review' }).click();
}

async function runTemplate(page: Page, name: string) {
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await chooseTemplate(page, 'KMOP microservice (TypeScript)').click();
  await fillForm(page, name);
  await page.getByRole('button', { name: 'Create' }).click();
}

test.describe.serial('the golden path', () => {
  // A task runs six steps and the catalog must ingest the result: more than one page's time.
  test.setTimeout(180_000);

  test('ends on the new service’s KMOP tab with its resources from the cluster', async ({
    page,
  }) => {
    expect(await serviceObjects()).toEqual({
      microservices: 404,
      gatewayroutes: 404,
      servicelevelobjectives: 404,
      rolloutpolicies: 404,
      resiliencepolicies: 404,
    });
    await signIn(page);
    await runTemplate(page, NAME);
    const open = page.getByRole('button', { name: `Open ${NAME}` });
    await expect(
      open.or(page.getByRole('link', { name: `Open ${NAME}` })).first(),
    ).toBeVisible({
      timeout: 90_000,
    });
    await open
      .or(page.getByRole('link', { name: `Open ${NAME}` }))
      .first()
      .click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/component/${NAME}/kmop$`),
    );
    // Read live from the simulator through the KMOP backend.
    await expect(page.getByText(`${NAME}.example.com`).first()).toBeVisible();
    await expect(page.getByText(`${NAME}-availability`).first()).toBeVisible();
    await expect(page.getByText('Gateway routes').first()).toBeVisible();
    await expect(page.getByText('Rollouts').first()).toBeVisible();
    await expect(page.getByText('Resilience').first()).toBeVisible();
    // The KMOP operator `yarn start` runs reconciles the new resources: each KMOP item
    // reads OK from the status it computed, with the objects it rendered under it. The
    // SLO's rules are generated (Ready) too, but with the demo Prometheus the operator
    // also measures it, and a new service has no traffic there yet: the page then says
    // so (unknown, with the operator's reason) rather than OK or Degraded.
    const sloHealth = async () => {
      const { body } = await kubeGet(
        `/apis/kmop.dev/v1alpha1/namespaces/default/servicelevelobjectives/${NAME}-availability`,
      );
      const evaluated = body.status?.conditions?.find(
        (c: { type: string }) => c.type === 'Evaluated',
      );
      return evaluated && evaluated.status !== 'True' ? 'unknown' : 'ok';
    };
    const rendered: Array<[string, string, string, string]> = [
      ['GatewayRoute', NAME, `HTTPRoute ${NAME}`, 'ok'],
      [
        'ServiceLevelObjective',
        `${NAME}-availability`,
        `PrometheusServiceLevel ${NAME}-availability`,
        'measured',
      ],
      ['RolloutPolicy', NAME, `Rollout ${NAME}`, 'ok'],
      ['ResiliencePolicy', NAME, `PodDisruptionBudget ${NAME}`, 'ok'],
    ];
    for (const [kind, name, child, health] of rendered) {
      const kmopItem = page.getByTestId('kmop-item').filter({
        has: page.getByRole('button', {
          name: `YAML of ${kind} ${name}`,
          exact: true,
        }),
      });
      if (health === 'measured') {
        // The page and the operator's status agree (the page follows by a signal).
        await expect
          .poll(async () => {
            const want = await sloHealth();
            const shown = await kmopItem.getAttribute('data-health');
            return shown === want ? 'agree' : `page ${shown}, status ${want}`;
          })
          .toBe('agree');
      } else {
        await expect(kmopItem).toHaveAttribute('data-health', health);
      }
      await expect(
        kmopItem
          .getByTestId('kmop-rendered-object')
          .filter({ hasText: `rendered as ${child}` }),
      ).toBeVisible();
    }
    for (const [plural, objectName] of KINDS) {
      const { body } = await kubeGet(
        `/apis/kmop.dev/v1alpha1/namespaces/default/${plural}/${objectName}`,
      );
      expect(
        body.status?.conditions?.find(
          (c: { type: string }) => c.type === 'Ready',
        ),
        `${plural}/${objectName} Ready, computed by the operator`,
      ).toMatchObject({ status: 'True', reason: 'ChildrenReady' });
    }
    await page.screenshot({
      path: 'e2e-test-report/golden-path-entity.png',
      fullPage: true,
    });
    const objects = await serviceObjects();
    expect(Object.values(objects)).not.toHaveLength(0);
    expect(Object.values(objects).every(v => typeof v === 'string')).toBe(true);
  });

  test('a second run with the same name fails and changes nothing', async ({
    page,
  }) => {
    const before = await serviceObjects();
    expect(before.microservices).not.toBe(404);
    await signIn(page);
    await runTemplate(page, NAME);
    await expect(
      page
        .getByText(
          new RegExp(`input\\.failIfExists: .*${NAME}.*nothing was applied`),
        )
        .first(),
    ).toBeVisible({ timeout: 90_000 });
    expect(await serviceObjects()).toEqual(before);
  });

  test('a dry run in the template editor applies nothing', async ({ page }) => {
    const dryName = `${NAME}-dry`;
    // The editor reads a template directory through showDirectoryPicker; hand
    // it the template, written into the origin's private file system.
    const files = readdirSync(TEMPLATE_DIR, {
      recursive: true,
      withFileTypes: true,
    })
      .filter(e => e.isFile())
      .map(e => {
        const full = join(e.parentPath, e.name);
        return {
          path: relative(TEMPLATE_DIR, full),
          content: readFileSync(full, 'utf8'),
        };
      });
    await page.addInitScript(templateFiles => {
      (window as any).showDirectoryPicker = async () => {
        const root = await navigator.storage.getDirectory();
        await root
          .removeEntry('kmop-microservice', { recursive: true })
          .catch(() => {});
        const dir = await root.getDirectoryHandle('kmop-microservice', {
          create: true,
        });
        for (const file of templateFiles) {
          const parts = file.path.split('/');
          let parent = dir;
          for (const part of parts.slice(0, -1)) {
            parent = await parent.getDirectoryHandle(part, { create: true });
          }
          const handle = await parent.getFileHandle(parts[parts.length - 1], {
            create: true,
          });
          const writable = await (handle as any).createWritable();
          await writable.write(file.content);
          await writable.close();
        }
        return dir;
      };
    }, files);
    await signIn(page, '/create/edit');
    await page.getByText('Load Template Directory').click();
    await fillForm(page, dryName);
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('button', { name: 'Result 1' })).toBeVisible({
      timeout: 90_000,
    });
    await page.getByRole('tab', { name: 'Log' }).click();
    await page.getByText('Apply to the cluster', { exact: true }).click();
    // The apply step ran: the cluster checked every object and stored none.
    await expect(
      page
        .getByText(`Microservice default/${dryName} created (server dry run)`)
        .first(),
    ).toBeVisible();
    await page.getByRole('tab', { name: 'Output' }).click();
    await expect(page.getByText(/server dry run only/).first()).toBeVisible();
    expect(await serviceObjects(dryName)).toEqual({
      microservices: 404,
      gatewayroutes: 404,
      servicelevelobjectives: 404,
      rolloutpolicies: 404,
      resiliencepolicies: 404,
    });
  });
});
