import { ChildProcess } from 'node:child_process';

// What both ways of starting the demo wait for before anything is measured.

/**
 * Polls `check` every 250 ms until it gives a value; a bound on waiting, not a
 * measurement. `failed` names a reason to stop at once (a process that exited).
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  failed: () => string | undefined = () => undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(`${reason} while waiting for ${what}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Waits for a guest token and for `entity`'s KMOP view to have every cluster synced and
 * its routes read: a person opens the page of a running system. Not measured.
 */
export async function waitForView(options: {
  backendUrl: string;
  entity: string;
  log: (line: string) => void;
  /** A reason to stop at once (a process that exited). */
  failed: () => string | undefined;
}): Promise<string> {
  const { backendUrl, entity, log, failed } = options;
  const token = await waitFor(
    'a guest token',
    300_000,
    async () => {
      const res = await fetch(
        `${backendUrl}/api/auth/guest/refresh?env=development`,
        { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
      );
      if (!res.ok) return undefined;
      const body = (await res.json()) as any;
      return body.backstageIdentity.token as string;
    },
    failed,
  );
  log(`waiting for ${entity}'s KMOP view: clusters synced, routes read`);
  let last = '';
  await waitFor(
    `${entity}'s KMOP view`,
    300_000,
    async () => {
      const res = await fetch(
        `${backendUrl}/api/kmop/v1/entities/component/default/${entity}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      last = `${res.status} ${(await res.clone().text()).slice(0, 300)}`;
      if (!res.ok) return undefined;
      const view = (await res.json()) as any;
      const synced = view.clusters.every((c: any) => c.state === 'ready');
      return synced && view.routes.length > 0 ? true : undefined;
    },
    failed,
  ).catch(error => {
    throw new Error(`${error.message}; its last answer: ${last}`);
  });
  return token;
}

/** Keeps a child's last lines, for a failure message when it exits unasked. */
export function reportExit(
  name: string,
  child: ChildProcess,
  log: (line: string) => void,
) {
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n'));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGINT') {
      log(`${name} exited (${signal ?? code}):\n${tail.join('\n')}`);
    }
  });
}
