/** Realistic route objects, one per health state, as a cluster would return them. */
import { omitStatus } from './omitStatus';

const httpRouteSpec = {
  parentRefs: [{ name: 'public', namespace: 'infra', sectionName: 'https' }],
  hostnames: ['pay.example.com'],
  rules: [
    {
      name: 'api',
      matches: [
        { path: { type: 'PathPrefix', value: '/api' }, method: 'POST' },
        {
          path: { type: 'Exact', value: '/health' },
          headers: [{ name: 'x-canary', value: 'true' }],
        },
      ],
      filters: [
        {
          type: 'URLRewrite',
          urlRewrite: {
            path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
          },
        },
      ],
      backendRefs: [
        { name: 'payments', port: 8080, weight: 90 },
        { name: 'payments-canary', port: 8080, weight: 10 },
      ],
      timeouts: { request: '10s', backendRequest: '2s' },
    },
    { backendRefs: [{ name: 'payments-static', port: 80 }] },
  ],
};

function parentStatus(conditions: object[]) {
  return {
    parents: [
      {
        parentRef: { name: 'public', namespace: 'infra', sectionName: 'https' },
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        conditions,
      },
    ],
  };
}

const accepted = (generation: number) => [
  {
    type: 'Accepted',
    status: 'True',
    reason: 'Accepted',
    message: 'Route is accepted',
    observedGeneration: generation,
  },
  {
    type: 'ResolvedRefs',
    status: 'True',
    reason: 'ResolvedRefs',
    message: 'Resolved all the Object references for the Route',
    observedGeneration: generation,
  },
];

function httpRoute<S extends object>(status: S, generation = 4) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: 'payments',
      namespace: 'shop',
      generation,
      labels: { 'app.kubernetes.io/name': 'payments' },
    },
    spec: httpRouteSpec,
    status,
  };
}

export const httpRoutes = {
  healthy: httpRoute(parentStatus(accepted(4))),
  /** The gateway has not yet reconciled generation 4. */
  progressing: httpRoute(parentStatus(accepted(3))),
  degraded: httpRoute(
    parentStatus([
      {
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
        observedGeneration: 4,
      },
      {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
        message:
          'Failed to process route rule 0 backendRef 1: service shop/payments-canary not found.',
        observedGeneration: 4,
      },
    ]),
  ),
  /** The controller wrote an entry but no conditions yet. */
  unknown: httpRoute(parentStatus([])),
  /** No controller has picked the route up. */
  pending: httpRoute({ parents: [] }),
};

function grpcRoute<S extends object>(status: S) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    metadata: { name: 'ledger', namespace: 'shop', generation: 2 },
    spec: {
      parentRefs: [{ name: 'internal', namespace: 'infra' }],
      hostnames: ['ledger.internal'],
      rules: [
        {
          matches: [
            {
              method: {
                type: 'Exact',
                service: 'ledger.v1.Ledger',
                method: 'Post',
              },
            },
          ],
          backendRefs: [{ name: 'ledger', port: 9090 }],
        },
        {
          matches: [
            { headers: [{ type: 'Exact', name: 'x-tenant', value: 'acme' }] },
          ],
          backendRefs: [
            { name: 'ledger-acme', port: 9090, weight: 3 },
            { name: 'ledger', port: 9090, weight: 1 },
          ],
        },
      ],
    },
    status,
  };
}

const grpcParent = (conditions: object[]) => ({
  parents: [
    {
      parentRef: { name: 'internal', namespace: 'infra' },
      controllerName: 'istio.io/gateway-controller',
      conditions,
    },
  ],
});

export const grpcRoutes = {
  healthy: grpcRoute(grpcParent(accepted(2))),
  progressing: grpcRoute(
    grpcParent([
      {
        type: 'Accepted',
        status: 'False',
        reason: 'Pending',
        message: 'Waiting for controller',
        observedGeneration: 2,
      },
    ]),
  ),
  degraded: grpcRoute(
    grpcParent([
      {
        type: 'Accepted',
        status: 'False',
        reason: 'NotAllowedByListeners',
        message: 'No listener allows GRPCRoute',
        observedGeneration: 2,
      },
      {
        type: 'ResolvedRefs',
        status: 'True',
        reason: 'ResolvedRefs',
        observedGeneration: 2,
      },
    ]),
  ),
  unknown: grpcRoute(
    grpcParent([
      {
        type: 'Accepted',
        status: 'Unknown',
        reason: 'Unknown',
        observedGeneration: 2,
      },
      {
        type: 'ResolvedRefs',
        status: 'True',
        reason: 'ResolvedRefs',
        observedGeneration: 2,
      },
    ]),
  ),
};

function ingress<S extends object>(status: S) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'storefront', namespace: 'shop', generation: 1 },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      defaultBackend: {
        service: { name: 'storefront-404', port: { number: 80 } },
      },
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: { name: 'storefront', port: { number: 80 } },
                },
              },
              {
                path: '/assets',
                pathType: 'Prefix',
                backend: {
                  service: { name: 'assets', port: { name: 'http' } },
                },
              },
            ],
          },
        },
      ],
    },
    status,
  };
}

export const ingresses = {
  healthy: ingress({ loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } }),
  progressing: ingress({ loadBalancer: {} }),
  unknown: { ...ingress({}), metadata: { namespace: 'shop' } },
};

function virtualService<S extends object>(status: S, generation = 5) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'shop', generation },
    spec: {
      hosts: ['reviews.shop.svc.cluster.local'],
      gateways: ['infra/public', 'mesh'],
      http: [
        {
          name: 'canary',
          match: [
            {
              uri: { prefix: '/reviews' },
              headers: { 'end-user': { exact: 'jason' } },
            },
          ],
          route: [
            {
              destination: {
                host: 'reviews',
                subset: 'v2',
                port: { number: 9080 },
              },
              weight: 20,
            },
            {
              destination: {
                host: 'reviews',
                subset: 'v1',
                port: { number: 9080 },
              },
              weight: 80,
            },
          ],
          timeout: '5s',
          retries: {
            attempts: 3,
            perTryTimeout: '2s',
            retryOn: '5xx,reset,503',
          },
        },
        {
          name: 'default',
          route: [{ destination: { host: 'reviews', subset: 'v1' } }],
        },
        {
          name: 'chaos',
          match: [{ uri: { exact: '/reviews/chaos' } }],
          route: [{ destination: { host: 'reviews', subset: 'v1' } }],
          fault: {
            delay: { fixedDelay: '7s', percentage: { value: 10 } },
            abort: { httpStatus: 503, percentage: { value: 1 } },
          },
        },
      ],
    },
    status,
  };
}

export const virtualServices = {
  healthy: virtualService({
    observedGeneration: 5,
    conditions: [
      {
        type: 'Reconciled',
        status: 'True',
        reason: 'Reconciled',
        observedGeneration: 5,
      },
    ],
    validationMessages: [
      {
        type: { code: 'IST0131', name: 'VirtualServiceIneffectiveMatch' },
        level: 'WARNING',
      },
    ],
  }),
  progressing: virtualService({
    observedGeneration: 4,
    conditions: [
      {
        type: 'Reconciled',
        status: 'True',
        reason: 'Reconciled',
        observedGeneration: 4,
      },
    ],
  }),
  degraded: virtualService({
    observedGeneration: 5,
    conditions: [
      {
        type: 'Reconciled',
        status: 'True',
        reason: 'Reconciled',
        observedGeneration: 5,
      },
    ],
    validationMessages: [
      {
        type: { code: 'IST0101', name: 'ReferencedResourceNotFound' },
        level: 'ERROR',
      },
    ],
  }),
  unknown: omitStatus(virtualService({})),
};

function gatewayRoute<S extends object>(status: S, generation = 2) {
  return {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'GatewayRoute',
    metadata: { name: 'payments', namespace: 'shop', generation },
    spec: {
      serviceRef: 'payments',
      gateway: { name: 'public', namespace: 'infra', sectionName: 'https' },
      hostnames: ['pay.example.com'],
      matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'GET' }],
      port: 8080,
      backends: [
        { name: 'payments', weight: 80 },
        { name: 'payments-canary', port: 8081, weight: 20 },
      ],
      timeouts: { request: '15s' },
      auth: {
        type: 'jwt',
        jwt: {
          issuer: 'https://id.example.com',
          jwksUri: 'https://id.example.com/jwks',
        },
      },
      rateLimit: { requests: 100, unit: 'Minute' },
    },
    status,
  };
}

export const gatewayRoutes = {
  healthy: gatewayRoute({
    url: 'https://pay.example.com/api',
    observedGeneration: 2,
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
    ],
  }),
  progressing: gatewayRoute({
    observedGeneration: 1,
    conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
  }),
  degraded: gatewayRoute({
    observedGeneration: 2,
    conditions: [
      {
        type: 'Accepted',
        status: 'False',
        reason: 'NotAllowedByListeners',
        message: 'listener https does not allow routes from namespace shop',
      },
      { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
    ],
  }),
  unknown: omitStatus(gatewayRoute({})),
  /** Only the required fields: backends and matches default. */
  minimal: {
    apiVersion: 'kmop.dev/v1alpha1',
    kind: 'GatewayRoute',
    metadata: { name: 'orders', namespace: 'shop' },
    spec: {
      serviceRef: 'orders',
      gateway: { name: 'public' },
      hostnames: ['orders.example.com'],
      port: 8080,
    },
  },
};
