import { KubeSim, startKubeSim } from '../server';

const TOKEN = 'router-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const JSON_TYPE = { 'Content-Type': 'application/json' };

interface Reply {
  status: number;
  contentType: string | null;
  body: any;
}

describe('kube-sim over HTTP', () => {
  let sim: KubeSim;

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: {
        ...AUTH,
        ...(body === undefined ? {} : JSON_TYPE),
        ...headers,
      },
      body:
        typeof body === 'string' || body === undefined
          ? body
          : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: parsed,
    };
  }

  /** Reads watch events until `count` arrived or the stream ended. */
  async function watchEvents(
    path: string,
    count: number,
    during?: () => Promise<unknown>,
  ) {
    const controller = new AbortController();
    const res = await fetch(`${sim.url}${path}`, {
      headers: AUTH,
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const events: any[] = [];
    let buffer = '';
    const pending = during?.();
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        events.push(JSON.parse(buffer.slice(0, newline)));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
    await pending;
    controller.abort();
    return events;
  }

  const cm = (name: string, labels?: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels },
    data: { a: '1' },
  });

  beforeEach(async () => {
    sim = await startKubeSim({
      token: TOKEN,
      historySize: 50,
      bookmarkIntervalMs: 50,
    });
  });

  afterEach(async () => {
    await sim.close();
  });

  describe('discovery and auth', () => {
    it('asks for the token on API paths but not on /version and /healthz', async () => {
      const denied = await fetch(`${sim.url}/api/v1/namespaces`);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({
        kind: 'Status',
        reason: 'Unauthorized',
        code: 401,
      });
      expect((await fetch(`${sim.url}/version`)).status).toBe(200);
      expect(await (await fetch(`${sim.url}/healthz`)).text()).toBe('ok');
      expect(
        (
          await call('GET', '/api', undefined, {
            Authorization: 'Bearer wrong',
          })
        ).status,
      ).toBe(401);
    });

    it('serves aggregated discovery with the exact content type, and legacy documents otherwise', async () => {
      const accept =
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
      const aggregated = await call('GET', '/apis', undefined, {
        Accept: accept,
      });
      expect(aggregated.contentType).toBe(
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      );
      expect(aggregated.body.kind).toBe('APIGroupDiscoveryList');
      expect((await call('GET', '/apis')).body.kind).toBe('APIGroupList');
      expect((await call('GET', '/api')).body.kind).toBe('APIVersions');
      expect(
        (await call('GET', '/apis/batch/v1')).body.resources.map(
          (r: { name: string }) => r.name,
        ),
      ).toEqual(['jobs', 'jobs/status', 'cronjobs', 'cronjobs/status']);
      expect((await call('GET', '/apis/nope.io/v1')).status).toBe(404);
      expect(
        (await call('GET', '/openapi/v3')).body.paths['apis/policy/v1']
          .serverRelativeURL,
      ).toMatch(/^\/openapi\/v3\/apis\/policy\/v1\?hash=/);
      expect(
        (
          await call('GET', '/api/v1/namespaces', undefined, {
            Accept: 'application/vnd.kubernetes.protobuf',
          })
        ).status,
      ).toBe(406);
    });
  });

  describe('objects', () => {
    it('creates (201), refuses duplicates (409), gets, and answers 404 as a Status', async () => {
      const created = await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        cm('a'),
      );
      expect(created.status).toBe(201);
      expect(created.body.metadata).toMatchObject({
        name: 'a',
        namespace: 'ns',
        resourceVersion: expect.stringMatching(/^\d+$/),
      });
      const duplicate = await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        cm('a'),
      );
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'configmaps "a" already exists',
        reason: 'AlreadyExists',
        details: { name: 'a', group: '', kind: 'configmaps' },
        code: 409,
      });
      expect(
        (await call('GET', '/api/v1/namespaces/ns/configmaps/a')).body.data,
      ).toEqual({ a: '1' });
      const missing = await call(
        'GET',
        '/apis/apps/v1/namespaces/ns/deployments/nope',
      );
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({
        reason: 'NotFound',
        message: 'deployments.apps "nope" not found',
      });
      expect((await call('GET', '/api/v1/namespaces/ns/widgets')).status).toBe(
        404,
      );
      expect(
        (await call('POST', '/api/v1/namespaces/ns/configmaps/a', cm('a')))
          .status,
      ).toBe(405);
      expect(
        (await call('POST', '/api/v1/namespaces/ns/configmaps', '{oops'))
          .status,
      ).toBe(400);
    });

    it('rejects a protobuf body with 415, as kubectl create configmap would get', async () => {
      const res = await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        'k8s\u0000',
        { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      );
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        kind: 'Status',
        reason: 'UnsupportedMediaType',
      });
    });

    it('answers 409 Conflict to an update with a stale resourceVersion', async () => {
      const created = (
        await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'))
      ).body;
      const first = await call('PUT', '/api/v1/namespaces/ns/configmaps/a', {
        ...created,
        data: { a: '2' },
      });
      expect(first.status).toBe(200);
      const stale = await call('PUT', '/api/v1/namespaces/ns/configmaps/a', {
        ...created,
        data: { a: '3' },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.reason).toBe('Conflict');
    });

    it('pages a cluster-wide list with limit and an opaque continue token', async () => {
      for (const ns of ['b', 'a']) {
        for (let i = 0; i < 3; i++) {
          sim.store.create({
            ...cm(`cm-${i}`),
            metadata: { name: `cm-${i}`, namespace: ns },
          });
        }
      }
      const names: string[] = [];
      let token = '';
      let pages = 0;
      const versions = new Set<string>();
      do {
        const page = await call(
          'GET',
          `/api/v1/configmaps?limit=4${
            token ? `&continue=${encodeURIComponent(token)}` : ''
          }`,
        );
        expect(page.body.kind).toBe('ConfigMapList');
        names.push(
          ...page.body.items.map(
            (i: any) => `${i.metadata.namespace}/${i.metadata.name}`,
          ),
        );
        versions.add(page.body.metadata.resourceVersion);
        token = page.body.metadata.continue ?? '';
        pages++;
      } while (token);
      expect(pages).toBe(2);
      expect(versions.size).toBe(1);
      expect(names).toEqual([
        'a/cm-0',
        'a/cm-1',
        'a/cm-2',
        'b/cm-0',
        'b/cm-1',
        'b/cm-2',
      ]);
      expect(
        (await call('GET', '/api/v1/configmaps?continue=bm9wZQ')).status,
      ).toBe(400);
      expect((await call('GET', '/api/v1/configmaps?limit=x')).status).toBe(
        400,
      );
    });

    it('lists objects with characters outside ASCII whole, the length counted in bytes', async () => {
      const note = 'checkout — 99.9 % “available” ✓';
      sim.store.create({
        ...cm('unicode'),
        metadata: { name: 'unicode', namespace: 'u', annotations: { note } },
      });
      const res = await fetch(`${sim.url}/api/v1/namespaces/u/configmaps`, {
        headers: AUTH,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      const list = JSON.parse(bytes.toString('utf8'));
      expect(list.items.map((i: any) => i.metadata.annotations.note)).toEqual([
        note,
      ]);
      // Written again: the list shows the new version, not the bytes of the old one.
      const [item] = list.items;
      await call('PUT', '/api/v1/namespaces/u/configmaps/unicode', {
        ...item,
        metadata: { ...item.metadata, annotations: { note: 'changed' } },
      });
      const again = await call('GET', '/api/v1/namespaces/u/configmaps');
      expect(again.body.items[0].metadata.annotations.note).toBe('changed');
    });

    it('gives the first objects in key order through the store, as many as asked', () => {
      for (const name of ['c', 'a', 'b'])
        sim.store.create({ ...cm(name), metadata: { name, namespace: 'lim' } });
      const names = (limit?: number) =>
        sim.store
          .list('v1', 'ConfigMap', { namespace: 'lim', limit })
          .map(o => o.metadata.name);
      expect(names(2)).toEqual(['a', 'b']);
      expect(names()).toEqual(['a', 'b', 'c']);
    });

    it('answers 410 Expired to a continue token older than the retained history', async () => {
      for (let i = 0; i < 3; i++)
        sim.store.create({
          ...cm(`cm-${i}`),
          metadata: { name: `cm-${i}`, namespace: 'ns' },
        });
      const first = await call(
        'GET',
        '/api/v1/namespaces/ns/configmaps?limit=1',
      );
      for (let i = 0; i < 60; i++)
        sim.store.create({
          ...cm(`more-${i}`),
          metadata: { name: `more-${i}`, namespace: 'x' },
        });
      const expired = await call(
        'GET',
        `/api/v1/namespaces/ns/configmaps?limit=1&continue=${encodeURIComponent(
          first.body.metadata.continue,
        )}`,
      );
      expect(expired.status).toBe(410);
      expect(expired.body.reason).toBe('Expired');
    });

    it('filters lists with label and field selectors, and rejects bad ones with 400', async () => {
      await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        cm('a', { tier: 'web' }),
      );
      await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        cm('b', { tier: 'db' }),
      );
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('c'));
      const names = async (q: string) =>
        (
          await call('GET', `/api/v1/namespaces/ns/configmaps?${q}`)
        ).body.items.map((i: any) => i.metadata.name);
      expect(
        await names(`labelSelector=${encodeURIComponent('tier notin (db)')}`),
      ).toEqual(['a', 'c']);
      expect(
        await names(`labelSelector=${encodeURIComponent('!tier')}`),
      ).toEqual(['c']);
      expect(await names('fieldSelector=metadata.name%3Db')).toEqual(['b']);
      expect(
        (
          await call(
            'GET',
            '/api/v1/namespaces/ns/configmaps?fieldSelector=spec.x%3D1',
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await call(
            'GET',
            `/api/v1/namespaces/ns/configmaps?labelSelector=${encodeURIComponent(
              'a in ()',
            )}`,
          )
        ).status,
      ).toBe(400);
    });

    it('patches with each content type, server-side applies, and refuses strategic merge for custom resources', async () => {
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'));
      const merge = await call(
        'PATCH',
        '/api/v1/namespaces/ns/configmaps/a',
        { data: { b: '2' } },
        { 'Content-Type': 'application/merge-patch+json' },
      );
      expect(merge.body.data).toEqual({ a: '1', b: '2' });
      const json = await call(
        'PATCH',
        '/api/v1/namespaces/ns/configmaps/a',
        [{ op: 'remove', path: '/data/a' }],
        {
          'Content-Type': 'application/json-patch+json',
        },
      );
      expect(json.body.data).toEqual({ b: '2' });
      const strategic = await call(
        'PATCH',
        '/api/v1/namespaces/ns/configmaps/a',
        { data: { c: '3' } },
        {
          'Content-Type': 'application/strategic-merge-patch+json',
        },
      );
      expect(strategic.body.data).toEqual({ b: '2', c: '3' });
      expect(
        (
          await call(
            'PATCH',
            '/api/v1/namespaces/ns/configmaps/a',
            {},
            { 'Content-Type': 'text/plain' },
          )
        ).status,
      ).toBe(415);

      const apply = { 'Content-Type': 'application/apply-patch+yaml' };
      const path =
        '/apis/apps/v1/namespaces/ns/deployments/web?fieldManager=kubectl&fieldValidation=Strict&force=false';
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 1 },
      };
      expect((await call('PATCH', path, deployment, apply)).status).toBe(201);
      const updated = await call(
        'PATCH',
        path,
        { ...deployment, spec: { replicas: 2 } },
        apply,
      );
      expect(updated.status).toBe(200);
      expect(updated.body.metadata.generation).toBe(2);

      await call(
        'POST',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        widgetCrd(),
      );
      await call('POST', '/apis/example.com/v1/namespaces/ns/widgets', {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
      });
      const smp = await call(
        'PATCH',
        '/apis/example.com/v1/namespaces/ns/widgets/w',
        { spec: {} },
        {
          'Content-Type': 'application/strategic-merge-patch+json',
        },
      );
      expect(smp.status).toBe(415);
    });

    it('stores nothing on dryRun=All', async () => {
      const dry = await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps?dryRun=All',
        cm('a'),
      );
      expect(dry.status).toBe(201);
      expect(dry.body.metadata.uid).toBeDefined();
      expect(
        (await call('GET', '/api/v1/namespaces/ns/configmaps/a')).status,
      ).toBe(404);
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'));
      await call(
        'PATCH',
        '/api/v1/namespaces/ns/configmaps/a?dryRun=All',
        { data: { a: '9' } },
        { 'Content-Type': 'application/merge-patch+json' },
      );
      await call('DELETE', '/api/v1/namespaces/ns/configmaps/a?dryRun=All');
      expect(
        (await call('GET', '/api/v1/namespaces/ns/configmaps/a')).body.data,
      ).toEqual({ a: '1' });
      expect(
        (
          await call(
            'POST',
            '/api/v1/namespaces/ns/configmaps?dryRun=Some',
            cm('b'),
          )
        ).status,
      ).toBe(400);
    });

    it('changes only status through /status and ignores status on main-resource writes', async () => {
      const base = '/apis/apps/v1/namespaces/ns/deployments/web';
      const created = (
        await call('POST', '/apis/apps/v1/namespaces/ns/deployments', {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: { replicas: 1 },
          status: { replicas: 7 },
        })
      ).body;
      expect(created.status).toBeUndefined();
      const status = await call('PUT', `${base}/status`, {
        ...created,
        spec: { replicas: 9 },
        status: { readyReplicas: 1 },
      });
      expect(status.body).toMatchObject({
        spec: { replicas: 1 },
        status: { readyReplicas: 1 },
      });
      const patched = await call(
        'PATCH',
        `${base}/status`,
        { status: { replicas: 1 } },
        { 'Content-Type': 'application/merge-patch+json' },
      );
      expect(patched.body.status).toEqual({ readyReplicas: 1, replicas: 1 });
      const main = await call(
        'PATCH',
        base,
        { spec: { replicas: 2 }, status: { readyReplicas: 0 } },
        { 'Content-Type': 'application/merge-patch+json' },
      );
      expect(main.body).toMatchObject({
        spec: { replicas: 2 },
        status: { readyReplicas: 1, replicas: 1 },
      });
      expect(
        (await call('GET', '/api/v1/namespaces/ns/configmaps/x/status')).status,
      ).toBe(404);
    });

    it('deletes: the object for Pods, a Success Status for ConfigMaps, 202 while finalizers remain', async () => {
      await call('POST', '/api/v1/namespaces/ns/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {},
      });
      const pod = await call('DELETE', '/api/v1/namespaces/ns/pods/p', {
        propagationPolicy: 'Background',
      });
      expect(pod.status).toBe(200);
      expect(pod.body.kind).toBe('Pod');
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'));
      const gone = await call('DELETE', '/api/v1/namespaces/ns/configmaps/a');
      expect(gone.body).toMatchObject({
        kind: 'Status',
        status: 'Success',
        details: { name: 'a', kind: 'configmaps' },
      });
      expect(
        (await call('GET', '/api/v1/namespaces/ns/configmaps/a')).status,
      ).toBe(404);
      await call('POST', '/api/v1/namespaces/ns/configmaps', {
        ...cm('f'),
        metadata: { name: 'f', finalizers: ['x/y'] },
      });
      const pending = await call(
        'DELETE',
        '/api/v1/namespaces/ns/configmaps/f',
      );
      expect(pending.status).toBe(202);
      expect(pending.body.metadata.deletionTimestamp).toBeDefined();
      expect(
        (
          await call('DELETE', '/api/v1/namespaces/ns/configmaps/f', {
            propagationPolicy: 'Sideways',
          })
        ).status,
      ).toBe(400);
    });

    it('deletes a collection by label selector', async () => {
      await call(
        'POST',
        '/api/v1/namespaces/ns/configmaps',
        cm('a', { x: '1' }),
      );
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('b'));
      const deleted = await call(
        'DELETE',
        '/api/v1/namespaces/ns/configmaps?labelSelector=x%3D1',
      );
      expect(deleted.body.items.map((i: any) => i.metadata.name)).toEqual([
        'a',
      ]);
      expect(
        (await call('GET', '/api/v1/namespaces/ns/configmaps')).body.items.map(
          (i: any) => i.metadata.name,
        ),
      ).toEqual(['b']);
    });
  });

  describe('custom resources', () => {
    it('serves a CRD once created, at every served version, and stops when it is deleted', async () => {
      expect(
        (
          await call(
            'POST',
            '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
            widgetCrd(),
          )
        ).status,
      ).toBe(201);
      const groups = await call('GET', '/apis', undefined, {
        Accept:
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      });
      const group = groups.body.items.find(
        (i: any) => i.metadata.name === 'example.com',
      );
      expect(group.versions.map((v: any) => v.version)).toEqual([
        'v1',
        'v1beta1',
      ]);
      expect(group.versions[0].resources[0]).toMatchObject({
        resource: 'widgets',
        scope: 'Namespaced',
        shortNames: ['wd'],
        responseKind: { kind: 'Widget' },
      });

      const created = await call(
        'POST',
        '/apis/example.com/v1beta1/namespaces/ns/widgets',
        {
          apiVersion: 'example.com/v1beta1',
          kind: 'Widget',
          metadata: { name: 'w' },
          spec: { size: 1 },
        },
      );
      expect(created.body.apiVersion).toBe('example.com/v1beta1');
      expect(
        (await call('GET', '/apis/example.com/v1/namespaces/ns/widgets/w')).body
          .apiVersion,
      ).toBe('example.com/v1');
      const all = await call('GET', '/apis/example.com/v1/widgets');
      expect(all.body).toMatchObject({
        kind: 'WidgetList',
        apiVersion: 'example.com/v1',
        items: [{ metadata: { name: 'w' } }],
      });

      const deleted = await call(
        'DELETE',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
      );
      expect(deleted.body.kind).toBe('CustomResourceDefinition');
      expect(
        (await call('GET', '/apis/example.com/v1/namespaces/ns/widgets/w'))
          .status,
      ).toBe(404);
      expect((await call('GET', '/apis/example.com/v1')).status).toBe(404);
    });
  });

  describe('watch', () => {
    it('starts with the current objects, then streams changes, on ?watch=1 and /watch/ paths', async () => {
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'));
      for (const path of [
        '/api/v1/namespaces/ns/configmaps?watch=1',
        '/api/v1/watch/namespaces/ns/configmaps',
      ]) {
        const events = await watchEvents(path, 2, () =>
          call(
            'PATCH',
            '/api/v1/namespaces/ns/configmaps/a',
            { data: { a: String(Math.random()) } },
            {
              'Content-Type': 'application/merge-patch+json',
            },
          ),
        );
        expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
          'ADDED a',
          'MODIFIED a',
        ]);
      }
    });

    it('watches one object by name and resumes from a resourceVersion', async () => {
      const a = (
        await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'))
      ).body;
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('b'));
      await call('DELETE', '/api/v1/namespaces/ns/configmaps/a');
      const events = await watchEvents(
        `/api/v1/namespaces/ns/configmaps/a?watch=true&resourceVersion=${a.metadata.resourceVersion}`,
        1,
      );
      expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
        'DELETED a',
      ]);
    });

    it('sends bookmarks, marks the end of initial events, and ends at timeoutSeconds', async () => {
      await call('POST', '/api/v1/namespaces/ns/configmaps', cm('a'));
      const rv = sim.store.resourceVersion;
      const events = await watchEvents(
        `/api/v1/namespaces/ns/configmaps?watch=1&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersion=${rv}&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`,
        100,
      );
      expect(events[0]).toMatchObject({
        type: 'ADDED',
        object: { metadata: { name: 'a' } },
      });
      expect(events[1]).toEqual({
        type: 'BOOKMARK',
        object: {
          kind: 'ConfigMap',
          apiVersion: 'v1',
          metadata: {
            resourceVersion: rv,
            creationTimestamp: null,
            annotations: { 'k8s.io/initial-events-end': 'true' },
          },
        },
      });
      expect(events.filter(e => e.type === 'BOOKMARK').length).toBeGreaterThan(
        3,
      );
    });

    it('answers an expired resourceVersion with an ERROR event carrying a 410 Expired Status', async () => {
      for (let i = 0; i < 60; i++)
        sim.store.create({
          ...cm(`c${i}`),
          metadata: { name: `c${i}`, namespace: 'ns' },
        });
      const events = await watchEvents(
        '/api/v1/namespaces/ns/configmaps?watch=1&resourceVersion=2',
        5,
      );
      expect(events).toEqual([
        {
          type: 'ERROR',
          object: expect.objectContaining({
            kind: 'Status',
            status: 'Failure',
            reason: 'Expired',
            code: 410,
            message: expect.stringContaining('too old resource version: 2'),
          }),
        },
      ]);
      expect(
        (
          await call(
            'GET',
            '/api/v1/namespaces/ns/configmaps?watch=1&resourceVersion=abc',
          )
        ).status,
      ).toBe(400);
    });
  });
});

function widgetCrd() {
  const version = (name: string, storage: boolean) => ({
    name,
    served: true,
    storage,
    subresources: { status: {} },
    schema: {
      openAPIV3Schema: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      },
    },
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', shortNames: ['wd'] },
      versions: [version('v1', true), version('v1beta1', false)],
    },
  };
}
