import { KmopKind } from '../model/constants';

/*
 * One realistic manifest per kind, as YAML a person would write. The reference docs show them
 * and a test validates them, so they cannot drift from the schemas.
 */

const microservice = `apiVersion: kmop.dev/v1alpha1
kind: Microservice
metadata:
  name: payments-api
  namespace: payments
  labels:
    app.kubernetes.io/name: payments-api
spec:
  owner: group:default/payments-team
  system: payments
  image: ghcr.io/acme/payments-api:1.4.2
  ports:
    - name: http
      port: 8080
  autoscaling:
    minReplicas: 2
    maxReplicas: 6
  resources:
    requests:
      cpu: 250m
      memory: 256Mi
    limits:
      memory: 512Mi
  secretRefs: [payments-db]
  dependencies: [ledger]
`;

const gatewayRoute = `apiVersion: kmop.dev/v1alpha1
kind: GatewayRoute
metadata:
  name: payments-api
  namespace: payments
spec:
  serviceRef: payments-api
  gateway:
    name: public
    namespace: gateways
  hostnames: [payments.example.com]
  matches:
    - path:
        type: PathPrefix
        value: /api
  port: 8080
  timeouts:
    request: 10s
    backendRequest: 5s
  auth:
    type: jwt
    jwt:
      issuer: https://auth.example.com
      jwksUri: https://auth.example.com/.well-known/jwks.json
  rateLimit:
    requests: 100
    unit: Second
`;

const serviceLevelObjective = `apiVersion: kmop.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: payments-api-availability
  namespace: payments
spec:
  serviceRef: payments-api
  description: 99.9% of payment requests succeed
  objective: 99.9
  window: 30d
  indicator:
    type: ratio
    errorQuery: 'sum(rate(http_requests_total{service="payments-api",code=~"5.."}[{{.window}}]))'
    totalQuery: 'sum(rate(http_requests_total{service="payments-api"}[{{.window}}]))'
  target: sloth
`;

const rolloutPolicy = `apiVersion: kmop.dev/v1alpha1
kind: RolloutPolicy
metadata:
  name: payments-api
  namespace: payments
spec:
  serviceRef: payments-api
  strategy: canary
  canary:
    steps:
      - setWeight: 10
      - pause:
          duration: 5m
      - analysis:
          templates: [success-rate]
      - setWeight: 50
      - pause: {}
  sloGate:
    sloRef: payments-api-availability
    maxBurnRate: 2
  engine: argo-rollouts
`;

const resiliencePolicy = `apiVersion: kmop.dev/v1alpha1
kind: ResiliencePolicy
metadata:
  name: payments-api
  namespace: payments
spec:
  serviceRef: payments-api
  timeouts:
    request: 10s
    connect: 1s
  retries:
    attempts: 3
    retryOn: [5xx, reset, connect-failure]
    perTryTimeout: 2s
    backoff:
      baseInterval: 100ms
      maxInterval: 1s
  circuitBreaker:
    consecutiveErrors: 5
    maxEjectionPercent: 50
  disruptionBudget:
    minAvailable: 1
`;

/**
 * An example manifest of each kind, as YAML.
 *
 * @public
 */
export const KMOP_EXAMPLE_MANIFESTS: Readonly<Record<KmopKind, string>> = {
  Microservice: microservice,
  GatewayRoute: gatewayRoute,
  ServiceLevelObjective: serviceLevelObjective,
  RolloutPolicy: rolloutPolicy,
  ResiliencePolicy: resiliencePolicy,
};
