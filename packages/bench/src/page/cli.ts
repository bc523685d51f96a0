import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RunFigures } from './breakdown';
import { DemoStack, buildApp, startDemoStack } from './demoStack';
import { startDevStack } from './devStack';
import { PageRunner } from './measure';
import { PageBenchResult, formatPageReport } from './report';

export const PAGE_USAGE = `yarn bench:page [options]

Builds the production app (once; packages/app/dist is reused), starts the demo as
\`yarn start\` does (two simulated clusters, the demo Prometheus when installed, the
operators) with the demo backend under NODE_ENV=production serving the built app, all
on free ports, and opens an entity's KMOP tab in Debian's Chromium: a cold load (new
browser context), a warm load (same context) and a tab click inside the app, --runs
times each after one unreported warm-up. Prints the p50 of the time to content and
where it goes (files, main thread, long tasks, API requests).

  --runs <n>      runs of each way of opening the tab (default 5)
  --entity <ref>  the Component (default checkout)
  --rebuild       build the app again even when packages/app/dist exists
  --dev           measure the development server instead, as a new user meets it:
                  runs \`yarn start\` itself (the app on :3000 built unminified by
                  the dev server, the backend on :7007), so it binds the demo's
                  fixed ports; its first compile is waited for and reported apart
  --profile <dir> write a CPU profile of each cold run's page, from Enter to the
                  content (.cpuprofile: Chromium DevTools' Performance panel opens it)
  --json          print every run's figures as JSON
  -h, --help      this text
`;

/** The options of `yarn bench:page`; throws on a wrong one. */
export function parsePageArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      runs: { type: 'string' },
      entity: { type: 'string' },
      rebuild: { type: 'boolean' },
      dev: { type: 'boolean' },
      profile: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.runs !== undefined && !/^[1-9]\d*$/.test(values.runs)) {
    throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  }
  if (values.dev && values.rebuild) {
    throw new Error('--rebuild builds the production app; --dev uses none');
  }
  return {
    runs: Number(values.runs ?? 5),
    entity: values.entity ?? 'checkout',
    dev: values.dev ?? false,
    rebuild: values.rebuild ?? false,
    profile: values.profile,
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

/** `yarn bench:page`: parses the options, runs, prints. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  let options;
  try {
    options = parsePageArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${PAGE_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(PAGE_USAGE);
    return;
  }
  const { runs, entity, profile } = options;
  const started = Date.now();
  const log = (line: string) =>
    process.stderr.write(
      `[bench:page ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`,
    );
  let stack: DemoStack | undefined;
  let runner: PageRunner | undefined;
  // Ctrl-C: the simulators, operators, Prometheus, backend and browser go too.
  const interrupted = async () => {
    await runner?.close().catch(() => {});
    await stack?.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    if (profile) mkdirSync(profile, { recursive: true });
    if (options.dev) {
      stack = await startDevStack({ entity, log });
    } else {
      buildApp(options.rebuild, log);
      stack = await startDemoStack({ entity, log });
    }
    runner = await PageRunner.start({
      url: `${stack.baseUrl}/catalog/default/component/${entity}/kmop`,
    });
    const before = loadavg();
    const figures: RunFigures[] = [];
    let firstOpenMs: number | undefined;
    for (let i = 0; i <= runs; i++) {
      log(i === 0 ? 'warm-up (not reported)' : `run ${i} of ${runs}`);
      const context = await runner.newContext();
      const cold = await runner.load(
        context,
        'cold',
        profile && i > 0 ? join(profile, `cold-${i}.cpuprofile`) : undefined,
      );
      await cold.page.close();
      if (i === 0) firstOpenMs = cold.figures.timeToContentMs;
      const warm = await runner.load(context, 'warm');
      const tab = await runner.tab(warm.page);
      await context.close();
      if (i > 0) figures.push(cold.figures, warm.figures, tab);
    }
    const result: PageBenchResult = {
      entity,
      runs,
      prometheus: stack.prometheus,
      ...(stack.devServer && {
        devServer: { ...stack.devServer, firstOpenMs },
      }),
      loadAverage: { before, after: loadavg() },
      figures,
    };
    process.stdout.write(
      options.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `${formatPageReport(result)}\n`,
    );
  } catch (error) {
    process.stderr.write(
      `bench:page failed: ${(error as Error).stack ?? error}\n`,
    );
    process.exitCode = 1;
  } finally {
    await runner?.close().catch(() => {});
    await stack?.stop();
  }
}
