import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../objects';
import { DemoStack } from './demoStack';
import { reportExit, waitFor, waitForView } from './waits';

// `yarn start` itself (scripts/start.mjs), as a new user meets the demo: the
// development server on :3000 builds the unminified app, the backend runs on :7007.
// It binds the demo's fixed ports, so it refuses to run beside another `yarn start`.

const APP = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';

async function answers(url: string) {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
}

/** Whether a TCP connection to the URL's host and port opens. */
function connects(url: string) {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>(resolve => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Starts `yarn start`'s script and waits for its first compile and the entity's view. */
export async function startDevStack(options: {
  entity: string;
  log: (line: string) => void;
}): Promise<DemoStack> {
  const { entity, log } = options;
  for (const url of [APP, BACKEND]) {
    if (await answers(url)) {
      throw new Error(
        `${url} answers already (a running yarn start?): --dev starts its own`,
      );
    }
  }
  log('starting the demo as yarn start does (node scripts/start.mjs)');
  const started = performance.now();
  // Its own process group: stopping sends SIGINT to all of it, as Ctrl-C in a terminal.
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'scripts/start.mjs')],
    {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  reportExit('yarn start', child, log);
  let prometheus = false;
  child.stdout!.on('data', chunk => {
    if (String(chunk).includes('[kmop] Prometheus on ')) prometheus = true;
  });
  const group = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const killAll = () => group('SIGKILL');
  process.once('exit', killAll);
  const stop = async () => {
    group('SIGINT');
    // Bounds on waiting for the backend and dev server to end; then whatever is left goes.
    await waitFor('yarn start to stop', 30_000, async () =>
      group(0) ? undefined : true,
    ).catch(killAll);
    process.off('exit', killAll);
  };
  const failed = () =>
    child.exitCode === null && child.signalCode === null
      ? undefined
      : 'yarn start exited';
  try {
    // The dev server listens at once and holds requests until its first compile is
    // done: the first connection starts the compile's time, the first answer ends it.
    const compiled = (async () => {
      const listening = await waitFor(
        'the development server to listen',
        600_000,
        async () => ((await connects(APP)) ? performance.now() : undefined),
        failed,
      );
      const answered = await waitFor(
        'the development server to compile',
        600_000,
        async () => ((await fetch(APP)).ok ? performance.now() : undefined),
        failed,
      );
      return {
        listeningMs: listening - started,
        compileMs: answered - listening,
      };
    })();
    compiled.catch(() => {}); // awaited below; a failure before that is not unhandled
    const token = await waitForView({
      backendUrl: BACKEND,
      entity,
      log,
      failed,
    });
    log('waiting for the development server to compile the app');
    const devServer = await compiled;
    log(
      `the development server listened ${seconds(
        devServer.listeningMs,
      )} after the start and compiled in ${seconds(devServer.compileMs)}`,
    );
    return {
      baseUrl: APP,
      token,
      prometheus,
      devServer,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
