import { createService, type ServiceState } from './server.ts';

const name = process.env.SERVICE_NAME ?? '${{ values.name }}';
const port = Number(process.env.PORT ?? '${{ values.port }}');
const state: ServiceState = { ready: false };
const server = createService(name, state);

server.listen(port, () => {
  state.ready = true;
  console.log(
    JSON.stringify({
      level: 'info',
      message: 'listening',
      service: name,
      port,
    }),
  );
});

// Stop taking new traffic first (readiness fails), then close once in-flight requests end.
function shutdown(signal: string): void {
  state.ready = false;
  console.log(
    JSON.stringify({ level: 'info', message: 'shutting down', signal }),
  );
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
