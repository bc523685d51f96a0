import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The part of an ajv error kubernetes-models' ValidationError carries. */
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** What kubernetes-models said of one object. */
export type ModelValidation =
  | { status: 'valid' }
  | { status: 'invalid'; errors: AjvError[] }
  /** No installed model package has this apiVersion and kind. */
  | { status: 'no-model' };

/** Where each group version's model classes live: package, then folder. */
const GROUP_VERSIONS: Record<string, [pkg: string, folder: string]> = {
  v1: ['kubernetes-models', 'v1'],
  'apps/v1': ['kubernetes-models', 'apps/v1'],
  'autoscaling/v2': ['kubernetes-models', 'autoscaling/v2'],
  'batch/v1': ['kubernetes-models', 'batch/v1'],
  'networking.k8s.io/v1': ['kubernetes-models', 'networking.k8s.io/v1'],
  'policy/v1': ['kubernetes-models', 'policy/v1'],
  'rbac.authorization.k8s.io/v1': [
    'kubernetes-models',
    'rbac.authorization.k8s.io/v1',
  ],
  'gateway.networking.k8s.io/v1': [
    '@kubernetes-models/gateway-api',
    'gateway.networking.k8s.io/v1',
  ],
  'gateway.networking.k8s.io/v1beta1': [
    '@kubernetes-models/gateway-api',
    'gateway.networking.k8s.io/v1beta1',
  ],
  'gateway.networking.k8s.io/v1alpha2': [
    '@kubernetes-models/gateway-api',
    'gateway.networking.k8s.io/v1alpha2',
  ],
  'networking.istio.io/v1': [
    '@kubernetes-models/istio',
    'networking.istio.io/v1',
  ],
  'networking.istio.io/v1beta1': [
    '@kubernetes-models/istio',
    'networking.istio.io/v1beta1',
  ],
  'networking.istio.io/v1alpha3': [
    '@kubernetes-models/istio',
    'networking.istio.io/v1alpha3',
  ],
  'argoproj.io/v1alpha1': [
    '@kubernetes-models/argo-rollouts',
    'argoproj.io/v1alpha1',
  ],
  'gateway.envoyproxy.io/v1alpha1': [
    '@kubernetes-models/envoy-gateway',
    'gateway.envoyproxy.io/v1alpha1',
  ],
};

const KIND = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Model packages generated from third-party CRDs at a fixed upstream release: upstream may
 * since have added fields, enum values or made fields optional, so what such a schema does
 * not know is a warning, never a failure (issue #8 §5). Core Kubernetes kinds are checked
 * strictly.
 */
const TRAILING_PACKAGES: Record<string, string> = {
  '@kubernetes-models/envoy-gateway': 'Envoy Gateway',
  '@kubernetes-models/gateway-api': 'Gateway API',
  '@kubernetes-models/istio': 'Istio',
  '@kubernetes-models/argo-rollouts': 'Argo Rollouts',
};

/** The model package that checks an apiVersion, with its installed version. */
export interface ModelPackage {
  name: string;
  version: string;
  /** The upstream project, when the package trails a third-party CRD. */
  trails?: string;
}

/** Which installed package (and version) validates objects of an apiVersion. */
export function modelPackage(apiVersion: string): ModelPackage | undefined {
  const location = GROUP_VERSIONS[apiVersion];
  if (!location) return undefined;
  const [name] = location;
  const manifest = JSON.parse(
    readFileSync(require.resolve(`${name}/package.json`), 'utf8'),
  ) as { version: string };
  return { name, version: manifest.version, trails: TRAILING_PACKAGES[name] };
}

/** The file URL of the model class of an apiVersion and kind, if one is installed. */
function modelFileUrl(apiVersion: string, kind: string): string | undefined {
  const location = GROUP_VERSIONS[apiVersion];
  if (!location || !KIND.test(kind)) return undefined;
  const [pkg, folder] = location;
  const root = dirname(require.resolve(`${pkg}/package.json`));
  const file = join(root, folder, `${kind}.js`);
  return existsSync(file) ? pathToFileURL(file).href : undefined;
}

/*
 * kubernetes-models and @kubernetes-models/* are ESM-only and export only an
 * `import` condition, which neither require() nor Jest's module system can
 * load. A worker thread runs plain Node, imports the model classes by file
 * URL and validates there; only JSON crosses the boundary.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
async function run() {
  const results = [];
  for (const { url, object } of workerData.jobs) {
    if (!url) { results.push({ status: 'no-model' }); continue; }
    const module = await import(url);
    const Model = module[object.kind];
    if (typeof Model !== 'function' || Model.apiVersion !== object.apiVersion || Model.kind !== object.kind) {
      results.push({ status: 'no-model' });
      continue;
    }
    try {
      new Model(object).validate();
      results.push({ status: 'valid' });
    } catch (error) {
      const errors = Array.isArray(error && error.errors)
        ? error.errors.map(e => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message, params: e.params }))
        : [{ instancePath: '', keyword: 'error', message: String(error && error.message || error) }];
      results.push({ status: 'invalid', errors });
    }
  }
  return results;
}
run().then(
  results => parentPort.postMessage({ results }),
  error => parentPort.postMessage({ failure: String(error && error.stack || error) }),
);
`;

/**
 * Validates objects against the OpenAPI schemas kubernetes-models ships, in
 * one worker thread for the whole batch. Results are in the order given.
 */
export async function validateWithModels(
  objects: { apiVersion: string; kind: string }[],
): Promise<ModelValidation[]> {
  const jobs = objects.map(object => ({
    url: modelFileUrl(object.apiVersion, object.kind),
    object,
  }));
  if (jobs.every(j => !j.url)) {
    return jobs.map(() => ({ status: 'no-model' }));
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { jobs },
  });
  try {
    const reply = await new Promise<{
      results?: ModelValidation[];
      failure?: string;
    }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', code =>
        reject(new Error(`the validation worker stopped (exit code ${code})`)),
      );
    });
    if (!reply.results) {
      throw new Error(`the validation worker failed: ${reply.failure}`);
    }
    return reply.results;
  } finally {
    await worker.terminate();
  }
}
