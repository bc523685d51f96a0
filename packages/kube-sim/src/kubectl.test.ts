import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KubeSim, startKubeSim } from './server';
import { waitFor } from './__testUtils__/clients';

const KUBECTL = '/usr/bin/kubectl';
const REPO = resolve(__dirname, '../../..');
const ECOSYSTEM_CRDS = join(REPO, 'examples/cluster/crds');
const KMOP_CRDS = join(REPO, 'plugins/kmop-common/crds');
const FIXTURES = join(__dirname, '__fixtures__');
/** kubectl start-up dominates; a loaded CI machine needs more than Jest's 5 s default. */
const TIMEOUT = 60_000;

interface KubectlResult {
  stdout: string;
  stderr: string;
}

/** A kubeconfig for the simulator. No user token: kubectl sends no credentials over plain HTTP. */
function kubeconfig(url: string) {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sim',
    `  cluster: { server: "${url}" }`,
    'users:',
    '- name: tester',
    '  user: {}',
    'contexts:',
    '- name: sim',
    '  context: { cluster: sim, user: tester }',
    'current-context: sim',
    '',
  ].join('\n');
}

describe('kubectl against kube-sim', () => {
  let sim: KubeSim;
  let dir: string;

  /** Runs kubectl; fails on a non-zero exit or anything written to stderr. */
  function kubectl(...args: string[]): Promise<KubectlResult> {
    return new Promise((done, fail) => {
      execFile(
        KUBECTL,
        ['--cache-dir', join(dir, 'cache'), ...args],
        {
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            KUBECONFIG: join(dir, 'config'),
          },
          timeout: 30_000,
        },
        (error, stdout, stderr) => {
          if (error || stderr.trim() !== '') {
            fail(
              new Error(
                `kubectl ${args.join(' ')} failed (${
                  error?.message ?? 'stderr'
                }):\n${stderr}${stdout}`,
              ),
            );
          } else {
            done({ stdout, stderr });
          }
        },
      );
    });
  }

  async function names(...args: string[]) {
    const { stdout } = await kubectl('get', ...args, '-o', 'json');
    const list = JSON.parse(stdout) as {
      items: Array<{ metadata: { name: string } }>;
    };
    return list.items.map(i => i.metadata.name);
  }

  beforeAll(async () => {
    if (!existsSync(KUBECTL)) {
      throw new Error(
        `kubectl is required at ${KUBECTL} for this test: install Debian's kubectl (apt-get install -y kubectl); CI installs it`,
      );
    }
    sim = await startKubeSim();
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-kubectl-'));
    writeFileSync(join(dir, 'config'), kubeconfig(sim.url));
  });

  afterAll(async () => {
    await sim?.close();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'server-side applies the ecosystem and KMOP CRDs, which then serve',
    async () => {
      const { stdout } = await kubectl(
        'apply',
        '--server-side',
        '-f',
        ECOSYSTEM_CRDS,
        '-f',
        KMOP_CRDS,
      );
      expect(stdout).toContain(
        'customresourcedefinition.apiextensions.k8s.io/rollouts.argoproj.io serverside-applied',
      );
      expect(stdout).toMatch(/\.kmop\.dev serverside-applied/);
      const crds = await names('customresourcedefinitions');
      expect(crds).toEqual(
        expect.arrayContaining([
          'httproutes.gateway.networking.k8s.io',
          'grpcroutes.gateway.networking.k8s.io',
          'gateways.gateway.networking.k8s.io',
          'rollouts.argoproj.io',
          'analysistemplates.argoproj.io',
          'canaries.flagger.app',
          'virtualservices.networking.istio.io',
          'destinationrules.networking.istio.io',
          'backendtrafficpolicies.gateway.envoyproxy.io',
          'securitypolicies.gateway.envoyproxy.io',
          'prometheusservicelevels.sloth.slok.dev',
          'servicelevelobjectives.pyrra.dev',
        ]),
      );
      const { stdout: resources } = await kubectl(
        'api-resources',
        '--api-group',
        'argoproj.io',
        '-o',
        'name',
      );
      expect(resources.trim().split('\n').sort()).toEqual([
        'analysistemplates.argoproj.io',
        'rollouts.argoproj.io',
      ]);
    },
    TIMEOUT,
  );

  /** Runs kubectl that must fail; its stderr. */
  function kubectlError(...args: string[]): Promise<string> {
    return kubectl(...args).then(
      ({ stdout }) => {
        throw new Error(`kubectl ${args.join(' ')} succeeded:\n${stdout}`);
      },
      (e: Error) => e.message,
    );
  }

  it(
    'refuses on a server dry run what the CRD schema and its rules refuse, naming the fields',
    async () => {
      const manifest = join(dir, 'bad-microservice.yaml');
      writeFileSync(
        manifest,
        [
          'apiVersion: kmop.dev/v1alpha1',
          'kind: Microservice',
          'metadata: { name: bad, namespace: default }',
          'spec:',
          '  owner: group:default/team',
          '  ports: [{ name: http, port: eighty }]',
          '  autoscaling: { minReplicas: 5, maxReplicas: 2 }',
          '',
        ].join('\n'),
      );
      for (const dryRun of [['--dry-run=server'], []]) {
        const stderr = await kubectlError('apply', ...dryRun, '-f', manifest);
        expect(stderr).toContain('The Microservice "bad" is invalid');
        expect(stderr).toContain('spec.image: Required value');
        expect(stderr).toContain(
          'spec.ports[0].port: Invalid value: "string": spec.ports[0].port in body must be of type integer: "string"',
        );
      }
      const fixed = readFileSync(manifest, 'utf8')
        .replace('port: eighty', 'port: 80')
        .replace('  owner:', '  image: ghcr.io/example/web:1\n  owner:');
      writeFileSync(manifest, fixed);
      // Once the types are right, the rule on autoscaling has its say.
      const stderr = await kubectlError(
        'apply',
        '--dry-run=server',
        '-f',
        manifest,
      );
      expect(stderr).toContain(
        'spec.autoscaling: Invalid value: "object": `minReplicas` must be ≤ `maxReplicas`.',
      );
      writeFileSync(
        manifest,
        fixed.replace('minReplicas: 5', 'minReplicas: 1'),
      );
      const { stdout } = await kubectl(
        'apply',
        '--dry-run=server',
        '-f',
        manifest,
      );
      expect(stdout).toContain(
        'microservice.kmop.dev/bad created (server dry run)',
      );
      expect(await names('microservices', '-A')).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'applies the demo objects of examples/cluster and reads them back as JSON',
    async () => {
      const { stdout } = await kubectl(
        'apply',
        '-f',
        join(REPO, 'examples/cluster'),
      );
      expect(stdout).toContain('namespace/payments created');
      expect(stdout).toContain('rollout.argoproj.io/checkout created');
      expect(stdout).toContain('gatewayroute.kmop.dev/payments-public created');
      expect(stdout).toContain(
        'prometheusservicelevel.sloth.slok.dev/checkout created',
      );
      const { stdout: json } = await kubectl(
        'get',
        'rollouts,httproutes,destinationrules',
        '-A',
        '-l',
        'backstage.io/kubernetes-id=checkout',
        '-o',
        'json',
      );
      const items = JSON.parse(json).items.map(
        (o: { kind: string; metadata: { name: string } }) =>
          `${o.kind}/${o.metadata.name}`,
      );
      expect(items.sort()).toEqual([
        'DestinationRule/checkout',
        'HTTPRoute/checkout',
        'Rollout/checkout',
      ]);
      // Deleting a namespace removes what is in it, so later files may find
      // their objects gone already.
      const { stdout: deleted } = await kubectl(
        'delete',
        '--ignore-not-found',
        '-f',
        join(REPO, 'examples/cluster'),
      );
      expect(deleted).toContain('rollout.argoproj.io "checkout" deleted');
      expect(await names('deployments', '-A')).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'applies example objects, selects them by label and deletes them',
    async () => {
      const { stdout } = await kubectl('apply', '-f', FIXTURES);
      expect(stdout).toContain('deployment.apps/checkout created');
      expect(stdout).toContain('rollout.argoproj.io/checkout-canary created');

      expect(
        await names('deployments', '-n', 'shop', '-l', 'tier in (frontend)'),
      ).toEqual(['checkout']);
      expect(
        await names(
          'deployments',
          '-A',
          '-l',
          'backstage.io/kubernetes-id,tier!=frontend',
        ),
      ).toEqual(['payments']);
      expect(await names('deployments', '-n', 'shop', '-l', '!tier')).toEqual(
        [],
      );
      expect(
        await names(
          'rollouts.argoproj.io',
          '-n',
          'shop',
          '-l',
          'backstage.io/kubernetes-id=checkout',
        ),
      ).toEqual(['checkout-canary']);
      expect(
        await names(
          'services,pods',
          '-n',
          'shop',
          '-l',
          'app.kubernetes.io/name==checkout',
        ),
      ).toEqual(['checkout', 'checkout-6b7f9c5d4-x2x7k']);

      await kubectl('delete', 'deployment', 'payments', '-n', 'shop');
      expect(await names('deployments', '-n', 'shop')).toEqual(['checkout']);
    },
    TIMEOUT,
  );

  it(
    're-applies a changed Deployment with a strategic merge patch that keeps unchanged fields',
    async () => {
      const changed = readFileSync(
        join(FIXTURES, 'checkout.yaml'),
        'utf8',
      ).replace('checkout:1.4.2', 'checkout:1.4.3');
      writeFileSync(join(dir, 'checkout.yaml'), changed);
      const { stdout } = await kubectl(
        'apply',
        '-f',
        join(dir, 'checkout.yaml'),
      );
      expect(stdout).toContain('deployment.apps/checkout configured');
      const { stdout: json } = await kubectl(
        'get',
        'deployment',
        'checkout',
        '-n',
        'shop',
        '-o',
        'json',
      );
      const deployment = JSON.parse(json);
      expect(deployment.metadata.generation).toBe(2);
      expect(deployment.spec.template.spec.containers).toEqual([
        {
          name: 'checkout',
          image: 'ghcr.io/example/checkout:1.4.3',
          ports: [{ containerPort: 8080 }],
        },
      ]);
    },
    TIMEOUT,
  );

  it(
    'server-side applies over a client-side applied custom resource',
    async () => {
      const rollout = join(FIXTURES, 'rollout.yaml');
      const first = await kubectl(
        'apply',
        '--server-side',
        '--force-conflicts',
        '-f',
        rollout,
      );
      expect(first.stdout).toContain(
        'rollout.argoproj.io/checkout-canary serverside-applied',
      );
      const { stdout } = await kubectl(
        'get',
        'rollouts.argoproj.io',
        'checkout-canary',
        '-n',
        'shop',
        '-o',
        'json',
      );
      expect(JSON.parse(stdout).spec.strategy.canary.steps).toHaveLength(5);
    },
    TIMEOUT,
  );

  it(
    'prints the columns of each CRD and of built-in kinds, as kubectl get shows them',
    async () => {
      const crd = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'gadgets.example.com' },
        spec: {
          group: 'example.com',
          names: { kind: 'Gadget', plural: 'gadgets' },
          scope: 'Namespaced',
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                },
              },
              additionalPrinterColumns: [
                { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
                {
                  name: 'Ready',
                  type: 'string',
                  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
                },
                {
                  name: 'Team',
                  type: 'string',
                  jsonPath: '.metadata.labels.example\\.com/team',
                },
                {
                  name: 'Colour',
                  type: 'string',
                  jsonPath: '.spec.colour',
                  priority: 1,
                },
                {
                  name: 'Age',
                  type: 'date',
                  jsonPath: '.metadata.creationTimestamp',
                },
              ],
            },
          ],
        },
      };
      const gadget = (name: string, extra: object) => ({
        apiVersion: 'example.com/v1',
        kind: 'Gadget',
        metadata: {
          name,
          namespace: 'shop',
          labels: { 'example.com/team': 'blue' },
        },
        ...extra,
      });
      const lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'operator-leader', namespace: 'shop' },
        spec: { holderIdentity: 'operator-0', leaseDurationSeconds: 15 },
      };
      const file = join(dir, 'table.json');
      writeFileSync(file, JSON.stringify(crd));
      await kubectl('apply', '-f', file);
      // One file each: kubectl validates a `kind: List` with OpenAPI v2, which is not served.
      const objects = join(dir, 'table');
      mkdirSync(objects);
      [
        gadget('a', {
          spec: { size: 3, colour: 'red' },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        }),
        gadget('b', { spec: {} }),
        lease,
      ].forEach((o, i) =>
        writeFileSync(join(objects, `${i}.json`), JSON.stringify(o)),
      );
      await kubectl('apply', '-f', objects);

      const rows = async (...args: string[]) =>
        (await kubectl('get', ...args)).stdout
          .trim()
          .split('\n')
          .map(line => line.trim().split(/\s{2,}/));
      const gadgets = await rows('gadgets', '-n', 'shop');
      expect(gadgets[0]).toEqual(['NAME', 'SIZE', 'READY', 'TEAM', 'AGE']);
      expect(gadgets[1].slice(0, 4)).toEqual(['a', '3', 'True', 'blue']);
      expect(gadgets[1][4]).toMatch(/^\d+s$/);
      // A column whose path finds nothing is a null cell, which kubectl leaves blank.
      expect(gadgets[2]).toEqual([
        'b',
        'blue',
        expect.stringMatching(/^\d+s$/),
      ]);
      const wide = await rows('gadgets', '-A', '-o', 'wide');
      expect(wide[0]).toEqual([
        'NAMESPACE',
        'NAME',
        'SIZE',
        'READY',
        'TEAM',
        'COLOUR',
        'AGE',
      ]);
      expect(wide[1][5]).toBe('red');
      expect(await rows('lease', 'operator-leader', '-n', 'shop')).toEqual([
        ['NAME', 'HOLDER', 'AGE'],
        ['operator-leader', 'operator-0', expect.stringMatching(/^\d+s$/)],
      ]);
      const deployments = await rows('deployments', '-n', 'shop');
      expect(deployments[0]).toEqual([
        'NAME',
        'READY',
        'UP-TO-DATE',
        'AVAILABLE',
        'AGE',
      ]);
      expect(deployments[1].slice(0, 4)).toEqual(['checkout', '0/2', '0', '0']);
      const services = await rows('services', '-n', 'shop');
      expect(services[0]).toEqual([
        'NAME',
        'TYPE',
        'CLUSTER-IP',
        'EXTERNAL-IP',
        'PORT(S)',
        'AGE',
      ]);

      // kubectl get -w: the list, then each change as a row of the same columns.
      const watcher = spawn(
        KUBECTL,
        [
          '--cache-dir',
          join(dir, 'cache'),
          'get',
          'gadgets',
          '-n',
          'shop',
          '-w',
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            KUBECONFIG: join(dir, 'config'),
          },
        },
      );
      let watched = '';
      watcher.stdout.on('data', chunk => {
        watched += String(chunk);
      });
      try {
        await waitFor(
          () => watched.includes('\nb '),
          'the watch to list',
          20_000,
        );
        writeFileSync(
          join(dir, 'c.json'),
          JSON.stringify(gadget('c', { spec: { size: 7 } })),
        );
        await kubectl('apply', '-f', join(dir, 'c.json'));
        await waitFor(() => /\nc\s+7\s/.test(watched), 'the new row', 20_000);
        expect(
          watched
            .split('\n')[0]
            .trim()
            .split(/\s{2,}/),
        ).toEqual(['NAME', 'SIZE', 'READY', 'TEAM', 'AGE']);
      } finally {
        watcher.kill();
      }

      // The KMOP CRDs declare their own columns; kubectl shows exactly those.
      const msCrd = parseYaml(
        readFileSync(join(KMOP_CRDS, 'microservices.kmop.dev.yaml'), 'utf8'),
      );
      const declared = msCrd.spec.versions[0]
        .additionalPrinterColumns as Array<{
        name: string;
        priority?: number;
      }>;
      await kubectl(
        'apply',
        '-f',
        join(REPO, 'examples/cluster/payments.yaml'),
      );
      const ms = await rows('microservices', '-A');
      expect(ms[0]).toEqual([
        'NAMESPACE',
        'NAME',
        ...declared.filter(c => !c.priority).map(c => c.name.toUpperCase()),
      ]);
    },
    TIMEOUT,
  );
});
