import { KubeSim, startKubeSim } from '../server';

const TOKEN = 'admin-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };

describe('/_sim/faults', () => {
  let sim: KubeSim;

  async function admin(method: string, path = '/_sim/faults', body?: unknown) {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  afterEach(async () => {
    await sim.close();
  });

  it('is off unless enabled', async () => {
    sim = await startKubeSim({ token: TOKEN });
    const res = await fetch(`${sim.url}/_sim/faults`, { headers: AUTH });
    expect(res.status).toBe(404);
  });

  it('needs the token when one is configured', async () => {
    sim = await startKubeSim({ token: TOKEN, admin: true });
    expect((await fetch(`${sim.url}/_sim/faults`)).status).toBe(401);
  });

  it('adds faults, shows them, clears one kind or all; the API answers accordingly', async () => {
    sim = await startKubeSim({ token: TOKEN, admin: true });
    const added = await admin('POST', undefined, {
      latencyMs: 5,
      errors: [
        {
          status: 503,
          rate: 1,
          target: { group: 'apps', resource: 'deployments' },
        },
      ],
      forbidden: [{ group: '', resource: 'secrets' }],
      malformed: [{ group: '', resource: 'configmaps' }],
      dropWatches: { afterMs: 1000 },
      watchLatencyMs: 50,
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({
      latencyMs: 5,
      errors: [
        {
          status: 503,
          rate: 1,
          target: { group: 'apps', resource: 'deployments' },
        },
      ],
      forbidden: [{ group: '', resource: 'secrets' }],
      malformed: [{ group: '', resource: 'configmaps' }],
      watchDropAfterMs: 1000,
      watchLatencyMs: 50,
    });
    const api = (path: string) => fetch(`${sim.url}${path}`, { headers: AUTH });
    expect((await api('/apis/apps/v1/deployments')).status).toBe(503);
    expect((await api('/api/v1/secrets')).status).toBe(403);
    await expect((await api('/api/v1/configmaps')).json()).rejects.toThrow();

    expect((await admin('DELETE', '/_sim/faults/errors')).body.errors).toEqual(
      [],
    );
    expect((await api('/apis/apps/v1/deployments')).status).toBe(200);
    expect((await admin('GET')).body.forbidden).toHaveLength(1);
    expect((await admin('DELETE')).body).toEqual({
      latencyMs: 0,
      errors: [],
      forbidden: [],
      malformed: [],
    });
    expect((await api('/api/v1/secrets')).status).toBe(200);
  });

  it('rejects a bad request naming the field, and changes nothing', async () => {
    sim = await startKubeSim({ token: TOKEN, admin: true });
    const bad = await admin('POST', undefined, {
      latencyMs: 10,
      errors: [{ status: 700, rate: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: expect.stringContaining('errors[].status'),
    });
    expect((await admin('GET')).body.latencyMs).toBe(0);
    expect(
      (await admin('POST', undefined, { latency: 1 })).body.message,
    ).toContain('unknown field "latency"');
    expect(
      (await admin('POST', undefined, { down: { mode: 'sideways' } })).body
        .message,
    ).toContain('down.mode');
    expect((await admin('DELETE', '/_sim/faults/everything')).status).toBe(404);
  });

  it('takes the cluster down in reset mode while staying reachable, and brings it back', async () => {
    sim = await startKubeSim({ token: TOKEN, admin: true });
    expect(
      (await admin('POST', undefined, { down: { mode: 'reset' } })).body.down,
    ).toBe('reset');
    await expect(
      fetch(`${sim.url}/api/v1/pods`, { headers: AUTH }),
    ).rejects.toThrow();
    expect(
      (await admin('DELETE', '/_sim/faults/down')).body.down,
    ).toBeUndefined();
    expect(
      (await fetch(`${sim.url}/api/v1/pods`, { headers: AUTH })).status,
    ).toBe(200);
  });

  it('refuses connections for forMs, then listens again', async () => {
    sim = await startKubeSim({ token: TOKEN, admin: true });
    await admin('POST', undefined, { down: { mode: 'refuse', forMs: 300 } });
    const deadline = Date.now() + 2000;
    let refused = false;
    while (!refused && Date.now() < deadline) {
      refused = await fetch(`${sim.url}/version`).then(
        () => false,
        () => true,
      );
    }
    expect(refused).toBe(true);
    let back = false;
    while (!back && Date.now() < deadline + 3000) {
      back = await fetch(`${sim.url}/version`).then(
        r => r.ok,
        () => false,
      );
      await new Promise(r => setTimeout(r, 20));
    }
    expect(back).toBe(true);
  });
});
