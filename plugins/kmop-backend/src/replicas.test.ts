import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { KubeSim, startKubeSim } from '@kmop/kube-sim';
import { kmopEntityViewChannel } from '@kmop/plugin-kmop-common';
import request from 'supertest';
import WebSocket from 'ws';
import { TestPostgres, startPostgres } from './__testUtils__/postgres';
import {
  DEMO_SEEDS,
  setCheckoutCanaryWeight,
  startKmopBackend,
  userAuth,
  waitFor,
} from './__testUtils__/testBackend';

// Two KMOP backend replicas sharing one PostgreSQL, each with its own watch
// cache of one cluster: signals travel over Backstage's events service, whose
// events backend on PostgreSQL is a database bus shared by the replicas.
jest.setTimeout(120_000);

const ENTITY = 'component:default/checkout';
const VIEW = '/api/kmop/v1/entities/component/default/checkout';
/** The page's window for signals that arrive together (useKmopEntityView's SIGNAL_GATHER_MS). */
const PAGE_GATHER_MS = 500;

type Replica = Awaited<ReturnType<typeof startKmopBackend>>;

/** A WebSocket client of a replica's signals backend, as the app's signals plugin is. */
class SignalClient {
  readonly received: unknown[] = [];
  private socket?: WebSocket;

  constructor(private readonly replica: Replica) {}

  async connect(channel: string): Promise<void> {
    const url = `ws://localhost:${this.replica.server.port()}/api/signals`;
    // The signals backend takes over the server's upgrades only on its first
    // request, which it leaves unanswered: attempts end after a while.
    await waitFor('a signals connection', async () => {
      const socket = new WebSocket(url);
      const open = await new Promise<boolean>(resolve => {
        socket.once('open', () => resolve(true));
        socket.once('error', () => resolve(false));
        socket.once('unexpected-response', () => resolve(false));
        setTimeout(() => resolve(false), 3_000);
      });
      if (!open) {
        socket.terminate();
        return false;
      }
      socket.on('message', data =>
        this.received.push(JSON.parse(String(data))),
      );
      socket.send(JSON.stringify({ action: 'subscribe', channel }));
      this.socket = socket;
      return true;
    });
  }

  close() {
    this.socket?.terminate();
  }
}

/**
 * An open KMOP tab as useKmopEntityView behaves: signals within
 * PAGE_GATHER_MS of each other cause one read, through its own replica.
 */
class Page {
  reads = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private reading = false;
  private seen = 0;

  constructor(
    private readonly replica: Replica,
    private readonly signals: SignalClient,
  ) {}

  /** Called often by the test: reacts to signals that arrived since the last call. */
  tick() {
    if (this.signals.received.length === this.seen) return;
    this.seen = this.signals.received.length;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reading = true;
      this.reads += 1;
      request(this.replica.server)
        .get(VIEW)
        .set('Authorization', userAuth())
        .then(
          () => {
            this.reading = false;
          },
          () => {
            this.reading = false;
          },
        );
    }, PAGE_GATHER_MS);
  }

  get idle() {
    return !this.timer && !this.reading;
  }
}

// What differs between replicas by nature: when each built the view and
// when its own watch cache last synced.
function withoutTimes(view: Record<string, unknown>) {
  return JSON.parse(JSON.stringify(view), (key, value) =>
    key === 'generatedAt' || key === 'lastSyncedAt' ? undefined : value,
  );
}

describe('two backend replicas on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let sim: KubeSim;
  const replicas: Replica[] = [];
  const clients: SignalClient[] = [];

  beforeAll(async () => {
    // Fails with how to install PostgreSQL when it is missing; never skipped.
    postgres = await startPostgres();
    sim = await startKubeSim({ seeds: DEMO_SEEDS });
    // One after the other: each runs the events backend's migrations.
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startKmopBackend({
          clusters: [{ name: 'demo', url: sim.url }],
          config: {
            // A shutdown waits for the bus's open long polls: keep them short.
            events: { notifyTimeoutMs: 3_000 },
            backend: {
              database: {
                client: 'pg',
                connection: {
                  host: postgres.host,
                  port: postgres.port,
                  user: postgres.user,
                },
              },
            },
          },
          // The real events service (the test default is in-process only),
          // Backstage's events backend (the bus) and signals backend.
          extraFeatures: [eventsServiceFactory, eventsPlugin, signalsPlugin],
        }),
      );
    }
  });

  afterAll(async () => {
    clients.forEach(c => c.close());
    await Promise.all(replicas.map(r => r.stop()));
    await sim?.close();
    await postgres?.stop();
  });

  const view = (replica: Replica) =>
    request(replica.server).get(VIEW).set('Authorization', userAuth());

  it('serves the same view from both, and one change reaches a page once, through either', async () => {
    for (const replica of replicas) {
      await waitFor('the replica’s watch cache', async () => {
        const res = await request(replica.server)
          .get('/api/kmop/v1/clusters')
          .set('Authorization', userAuth());
        return res.body.items?.[0]?.state === 'ready';
      });
    }
    // Both signals backends subscribed to the bus in the shared database.
    await waitFor('both replicas on the event bus', async () => {
      const rows = await postgres.query(
        'backstage_plugin_events',
        "select id from event_bus_subscriptions where id like 'signals.%' and 'signals' = any(topics)",
      );
      return rows.length === 2;
    });

    // A page read through each replica: both follow the entity.
    const [a, b] = await Promise.all(replicas.map(view));
    expect(a.status).toBe(200);
    expect(withoutTimes(a.body)).toEqual(withoutTimes(b.body));
    expect(a.body.clusters[0].state).toBe('ready');

    const channel = kmopEntityViewChannel(ENTITY);
    for (const replica of replicas) {
      const client = new SignalClient(replica);
      await client.connect(channel);
      clients.push(client);
    }
    const page = new Page(replicas[0], clients[0]);

    for (const weight of [35, 65]) {
      const before = clients.map(c => c.received.length);
      const readsBefore = page.reads;
      setCheckoutCanaryWeight(sim, weight);
      // Each replica's watch sees the change and signals it; the bus brings
      // each signal to both replicas' WebSocket clients: two per client.
      await waitFor(`the signals of the change to ${weight}%`, async () => {
        page.tick();
        return (
          clients.every((c, i) => c.received.length - before[i] >= 2) &&
          page.idle &&
          page.reads > readsBefore
        );
      });
      for (const [i, client] of clients.entries()) {
        expect(client.received.slice(before[i])).toEqual([
          { channel, message: { entityRef: ENTITY } },
          { channel, message: { entityRef: ENTITY } },
        ]);
      }
      expect(page.reads - readsBefore).toBe(1);

      // Both replicas' caches have the change, and serve the same view.
      await waitFor('both views with the change', async () => {
        const views = await Promise.all(replicas.map(view));
        return views.every(v =>
          v.body.routes
            .find(
              (r: { source: { kind: string } }) =>
                r.source.kind === 'HTTPRoute',
            )
            ?.rules[0].backends.some(
              (x: { name: string; weight?: number }) =>
                x.name === 'checkout-canary' && x.weight === weight,
            ),
        );
      });
      const [va, vb] = await Promise.all(replicas.map(view));
      expect(withoutTimes(va.body)).toEqual(withoutTimes(vb.body));
    }
  });
});
