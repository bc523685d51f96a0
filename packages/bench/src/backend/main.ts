import { createBackend } from '@backstage/backend-defaults';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { BackendReply, BackendRequest } from './protocol';

/**
 * A plain Backstage backend: catalog, permissions (allow-all), guest sign-in,
 * Backstage's Kubernetes backend unmodified, and KMOP. Config comes from the
 * `--config` file the bench writes. It answers the bench over IPC with its
 * memory use and, on request, a CPU profile of itself.
 */
export function main() {
  const backend = createBackend();
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );
  backend.add(import('@backstage/plugin-kubernetes-backend'));
  backend.add(import('@kmop/plugin-kmop-backend'));
  // Open pages hear of changes through it (the bench's change-to-signal figure).
  backend.add(import('@backstage/plugin-signals-backend'));

  let session: Session | undefined;
  const reply = (message: BackendReply) => process.send?.(message);

  process.on('message', async (message: BackendRequest) => {
    try {
      if (message.type === 'memory') {
        const { user, system } = process.cpuUsage();
        // Collect garbage first (the bench starts us with --expose-gc), so the
        // figure is what is live, not what is waiting to be collected.
        for (let i = 0; i < 3; i++) global.gc?.();
        await new Promise(r => setTimeout(r, 200));
        const { rss, heapUsed } = process.memoryUsage();
        const afterGc = process.cpuUsage();
        reply({
          type: 'memory',
          id: message.id,
          rss,
          heapUsed,
          cpuMs: (user + system) / 1000,
          cpuAfterGcMs: (afterGc.user + afterGc.system) / 1000,
        });
      } else if (message.type === 'profileStart') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        reply({ type: 'done', id: message.id });
      } else if (message.type === 'profileStop') {
        const { profile } = await session!.post('Profiler.stop');
        await writeFile(message.file, JSON.stringify(profile));
        session!.disconnect();
        session = undefined;
        reply({ type: 'done', id: message.id });
      }
    } catch (error) {
      reply({ type: 'error', id: message.id, message: String(error) });
    }
  });

  backend.start().then(
    () => reply({ type: 'started' }),
    error => {
      reply({ type: 'failed', message: String(error?.stack ?? error) });
      process.exit(1);
    },
  );
  process.on('SIGTERM', () => {
    backend.stop().finally(() => process.exit(0));
  });
}
