import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { resolve } from 'node:path';
import request from 'supertest';
import { demoPermissionPolicyModule } from './demoPermissionPolicyModule';

// The demo's policy with the demo catalog (examples/entities) and the guest sign-in, as
// `yarn start` runs them: real tokens (the auth services of backend-defaults, not mocks),
// the guest's groups from its sign-in, the catalog deciding `isEntityOwner`.
const ENTITIES = resolve(__dirname, '../../../../examples/entities/all.yaml');
const GUEST = 'user:development/guest';
const TIMEOUT = 90_000;

const OPERATE = {
  type: 'resource',
  name: 'kmop.rollout.operate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
};
const READ = {
  type: 'resource',
  name: 'kmop.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
};

describe('the demo permission policy', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let token: string;
  let identity: { userEntityRef: string; ownershipEntityRefs: string[] };

  async function signInAsGuest() {
    const res = await request(backend.server)
      .get('/api/auth/guest/refresh?env=development')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(res.status).toBe(200);
    token = res.body.backstageIdentity.token;
    identity = res.body.backstageIdentity.identity;
  }

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        authPlugin,
        guestProviderModule,
        permissionPlugin,
        demoPermissionPolicyModule,
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            // Jest runs with NODE_ENV=test; `yarn start` runs in development.
            auth: {
              providers: {
                guest: { dangerouslyAllowOutsideDevelopment: true },
              },
            },
            catalog: {
              rules: [
                { allow: ['Component', 'System', 'Group', 'User', 'Location'] },
              ],
              locations: [{ type: 'file', target: ENTITIES }],
              processingInterval: { seconds: 1 },
            },
            permission: { enabled: true },
          },
        }),
      ],
    });
    // The catalog processes the demo entities in the background; until the guest's
    // User is there, the sign-in issues a token with no groups.
    for (;;) {
      await signInAsGuest();
      if (identity.ownershipEntityRefs.length > 1) break;
      await new Promise(r => setTimeout(r, 200));
    }
  }, TIMEOUT);

  afterAll(async () => {
    await backend?.stop();
  });

  async function authorize(
    permission: object,
    resourceRef?: string,
  ): Promise<string> {
    const res = await request(backend.server)
      .post('/api/permission/authorize')
      .set('Authorization', `Bearer ${token}`)
      .send({ items: [{ id: '1', permission, resourceRef }] });
    expect(res.status).toBe(200);
    return res.body.items[0].result;
  }

  it('signs the guest in as the catalog User, a member of payments-team', () => {
    expect(identity.userEntityRef).toBe(GUEST);
    expect([...identity.ownershipEntityRefs].sort()).toEqual(
      ['group:default/payments-team', GUEST].sort(),
    );
  });

  it(
    'lets the guest operate the releases payments-team owns, and no other',
    async () => {
      expect(await authorize(OPERATE, 'component:default/checkout')).toBe(
        'ALLOW',
      );
      expect(await authorize(OPERATE, 'component:default/payments')).toBe(
        'ALLOW',
      );
      // Owned by catalog-team.
      expect(await authorize(OPERATE, 'component:default/catalog-api')).toBe(
        'DENY',
      );
    },
    TIMEOUT,
  );

  it(
    'allows reading and everything else',
    async () => {
      expect(await authorize(READ, 'component:default/catalog-api')).toBe(
        'ALLOW',
      );
      expect(
        await authorize({
          type: 'basic',
          name: 'catalog.entity.create',
          attributes: { action: 'create' },
        }),
      ).toBe('ALLOW');
      const entities = await request(backend.server)
        .get('/api/catalog/entities?filter=kind=component')
        .set('Authorization', `Bearer ${token}`);
      expect(entities.body.map((e: any) => e.metadata.name).sort()).toEqual([
        'catalog-api',
        'checkout',
        'payments',
        'search',
      ]);
    },
    TIMEOUT,
  );
});
