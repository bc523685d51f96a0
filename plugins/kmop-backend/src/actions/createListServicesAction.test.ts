import {
  NO_KMOP,
  OUTSIDER,
  startActionsBackend,
} from './__testUtils__/actionsBackend';

jest.setTimeout(30_000);

type Service = {
  entityRef: string;
  owner?: string;
  system?: string;
  health: string;
  sections: Record<
    string,
    { health: string; count: number; counts: Record<string, number> }
  >;
  clusterErrors: string[];
};

describe('kmop:list-services', () => {
  let env: Awaited<ReturnType<typeof startActionsBackend>>;

  beforeAll(async () => {
    env = await startActionsBackend();
  }, 30_000);

  afterAll(() => env?.stop());

  async function list(input: object, user?: string): Promise<Service[]> {
    const res = await env.invoke('list-services', input, user);
    expect(res.status).toBe(200);
    return res.body.output.services;
  }

  it('lists the demo services linked to clusters, with health per section and the cluster that is down', async () => {
    const services = await list({});
    expect(services.map(s => s.entityRef)).toEqual([
      'component:default/catalog-api',
      'component:default/checkout',
      'component:default/payments',
      'component:default/search',
    ]);
    const checkout = services.find(
      s => s.entityRef === 'component:default/checkout',
    )!;
    expect(checkout).toMatchObject({
      owner: 'group:default/payments-team',
      system: 'system:default/storefront',
      clusterErrors: ['down'],
    });
    for (const section of Object.values(checkout.sections)) {
      const counted = Object.values(section.counts).reduce((a, b) => a + b, 0);
      expect(counted).toBe(section.count);
    }
    expect(checkout.sections.rollouts.count).toBeGreaterThan(0);
    // search is annotated but nothing is deployed: no items, health unknown
    const search = services.find(
      s => s.entityRef === 'component:default/search',
    )!;
    expect(search.health).toBe('unknown');
    expect(search.sections.routes).toMatchObject({ health: 'none', count: 0 });
  });

  it('filters by owner, system and health', async () => {
    const catalogTeam = await list({ owner: 'catalog-team' });
    expect(catalogTeam.map(s => s.entityRef)).toEqual([
      'component:default/catalog-api',
      'component:default/search',
    ]);
    expect(await list({ system: 'system:default/nowhere' })).toEqual([]);
    expect((await list({ system: 'storefront' })).length).toBe(4);
    const all = await list({});
    for (const health of ['ok', 'progressing', 'degraded', 'unknown']) {
      const matching = await list({ health });
      expect(matching.map(s => s.entityRef)).toEqual(
        all.filter(s => s.health === health).map(s => s.entityRef),
      );
    }
  });

  it('names the field of a bad filter', async () => {
    const owner = await env.invoke('list-services', {
      owner: 'group:default/a b',
    });
    expect(owner.status).toBe(400);
    expect(owner.body.error.message).toMatch(/^owner: /);
    const health = await env.invoke('list-services', { health: 'fine' });
    expect(health.status).toBe(400);
    expect(health.body.error.message).toContain(
      'health: expected one of ok, progressing, degraded, unknown, got fine',
    );
    const wrongType = await env.invoke('list-services', {
      owner: 5,
      team: 'payments',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain(
      'owner: expected string, got number',
    );
    expect(wrongType.body.error.message).toContain(
      'the input has an unknown field: team',
    );
  });

  it('lists nothing a caller may not see', async () => {
    expect(await list({}, OUTSIDER)).toEqual([]);
  });

  it('lists nothing to a caller who sees the entities but may not read their KMOP views', async () => {
    expect(await list({}, NO_KMOP)).toEqual([]);
  });
});
