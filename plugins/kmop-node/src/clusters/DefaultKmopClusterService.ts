import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import {
  CLIENT_SIDE_AUTH_PROVIDERS,
  CREDENTIAL_RENEWAL_MS,
  createKmopAuthStrategies,
} from '../auth/authStrategies';
import { ClusterCredentials } from '../auth/ClusterCredentials';
import { KubeClient } from '../client/KubeClient';
import {
  KmopClusterConfig,
  KmopClusterConfigProblem,
  KmopClusterList,
} from '../config/types';
import { CatalogClusterSource } from './CatalogClusterSource';
import { ConfigClusterSource } from './ConfigClusterSource';
import { GkeClusterSource } from './GkeClusterSource';
import {
  KmopClusterSource,
  KmopClusterSupplier,
  isKmopClusterSource,
} from './KmopClusterSource';
import { KmopClusterService } from './KmopClusterService';
import { LocalKubectlProxyClusterSource } from './LocalKubectlProxyClusterSource';

/**
 * Options of {@link DefaultKmopClusterService.create}.
 *
 * @public
 */
export interface DefaultKmopClusterServiceOptions {
  config: Config;
  logger: LoggerService;
  /** Strategies by provider name, added to (or replacing) Backstage's. */
  authStrategies?: Record<string, AuthenticationStrategy>;
  /** Overrides the GKE client, for tests. */
  gke?: Parameters<typeof GkeClusterSource.fromConfig>[1];
}

interface Locator {
  label: string;
  source?: KmopClusterSource;
  /** Why the locator cannot run (yet). */
  unavailable?: string;
}

/**
 * Reads `kubernetes.clusterLocatorMethods` as Backstage's Kubernetes plugin
 * does (`config`, `catalog`, `gke`, `localKubectlProxy`) and authenticates
 * with Backstage's own strategies. The `catalog` locator needs the catalog,
 * which a root service cannot reach: a plugin hands it over with `useCatalog`.
 *
 * @public
 */
export class DefaultKmopClusterService implements KmopClusterService {
  private readonly config: Config;
  private readonly logger: LoggerService;
  private readonly locators: Locator[] = [];
  private readonly strategies: Map<string, AuthenticationStrategy>;
  private readonly credentialsByCluster = new Map<
    string,
    { key: string; credentials: ClusterCredentials }
  >();

  static create(
    options: DefaultKmopClusterServiceOptions,
  ): DefaultKmopClusterService {
    return new DefaultKmopClusterService(options);
  }

  private constructor(options: DefaultKmopClusterServiceOptions) {
    this.config = options.config;
    this.logger = options.logger;
    this.strategies = createKmopAuthStrategies({
      config: options.config,
      logger: options.logger,
      strategies: options.authStrategies,
    });
    const methods =
      options.config.getOptionalConfigArray(
        'kubernetes.clusterLocatorMethods',
      ) ?? [];
    methods.forEach((method, i) => {
      const type = method.getString('type');
      const label = `clusterLocatorMethods[${i}] (${type})`;
      try {
        this.locators.push({
          label,
          ...this.locatorOf(type, method, options),
        });
      } catch (error) {
        this.locators.push({ label, unavailable: (error as Error).message });
      }
    });
  }

  private locatorOf(
    type: string,
    method: Config,
    options: DefaultKmopClusterServiceOptions,
  ): Omit<Locator, 'label'> {
    switch (type) {
      case 'config':
        return { source: ConfigClusterSource.fromConfig(method) };
      case 'localKubectlProxy':
        return { source: new LocalKubectlProxyClusterSource() };
      case 'gke':
        return { source: GkeClusterSource.fromConfig(method, options.gke) };
      case 'catalog':
        return {
          unavailable:
            'the catalog locator needs the KMOP backend plugin (@kmop/plugin-kmop-backend), which connects it to the catalog',
        };
      default:
        throw new Error(`unsupported cluster locator type '${type}'`);
    }
  }

  useCatalog(deps: { catalog: CatalogService; auth: AuthService }): void {
    const methods =
      this.config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ??
      [];
    methods.forEach((method, i) => {
      if (method.getString('type') !== 'catalog') return;
      const locator = this.locators[i];
      if (locator && !locator.source) {
        locator.source = CatalogClusterSource.fromConfig(method, deps);
        locator.unavailable = undefined;
      }
    });
  }

  addClusterSupplier(supplier: KmopClusterSupplier): void {
    const label = `custom cluster supplier #${
      this.locators.filter(l => l.label.startsWith('custom')).length + 1
    }`;
    const source: KmopClusterSource = isKmopClusterSource(supplier)
      ? supplier
      : {
          getClusterList: async () => ({
            // Backstage's interface asks for credentials; a background cache has none of a person.
            clusters: await supplier.getClusters({
              credentials: {
                $$type: '@backstage/BackstageCredentials',
                principal: { type: 'none' },
              },
            }),
            problems: [],
          }),
        };
    this.locators.push({ label, source });
  }

  addAuthStrategy(provider: string, strategy: AuthenticationStrategy): void {
    this.strategies.set(provider, strategy);
    this.credentialsByCluster.clear();
  }

  async list(): Promise<KmopClusterList> {
    const results = await Promise.all(
      this.locators.map(async locator => {
        if (!locator.source) {
          return {
            clusters: [],
            problems: [
              { name: locator.label, message: locator.unavailable ?? '' },
            ],
          };
        }
        try {
          return await locator.source.getClusterList();
        } catch (error) {
          return {
            clusters: [],
            problems: [
              {
                name: locator.label,
                message: `cannot list clusters: ${(error as Error).message}`,
              },
            ],
          };
        }
      }),
    );
    const clusters: KmopClusterConfig[] = [];
    const problems: KmopClusterConfigProblem[] = results.flatMap(
      r => r.problems,
    );
    const names = new Set<string>();
    for (const cluster of results.flatMap(r => r.clusters)) {
      const problem = names.has(cluster.name)
        ? `cluster name '${cluster.name}' is used twice; names must be unique, the first one is used`
        : this.authProblem(cluster);
      if (problem) {
        problems.push({
          name: cluster.name,
          message: problem,
          dashboardUrl: cluster.dashboardUrl,
        });
      } else {
        clusters.push(cluster);
      }
      names.add(cluster.name);
    }
    return { clusters, problems };
  }

  async find(name: string) {
    const { clusters, problems } = await this.list();
    return {
      cluster: clusters.find(c => c.name === name),
      problem: problems.find(p => p.name === name)?.message,
      known: clusters.map(c => c.name),
    };
  }

  private authProblem(cluster: KmopClusterConfig): string | undefined {
    const provider = cluster.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    const why = CLIENT_SIDE_AUTH_PROVIDERS[provider];
    const serverSide = [...this.strategies.keys()].join(', ');
    if (why && !this.strategies.has(provider)) {
      return `authProvider '${provider}' ${why}, and KMOP's cache is shared by everyone, so it cannot use it. Give KMOP a server-side provider for this cluster: ${serverSide} (e.g. serviceAccount with a read-only token).`;
    }
    const strategy = this.strategies.get(provider);
    if (!strategy) {
      return `authProvider '${provider}' is unknown; KMOP supports ${serverSide}`;
    }
    const errors = strategy.validateCluster(cluster.authMetadata);
    return errors.length > 0
      ? `invalid ${provider} settings: ${errors.map(e => e.message).join(', ')}`
      : undefined;
  }

  credentials(cluster: KmopClusterConfig): ClusterCredentials {
    const provider = cluster.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    // A cluster whose URL or auth settings changed gets fresh credentials.
    const key = JSON.stringify([cluster.url, cluster.authMetadata]);
    const known = this.credentialsByCluster.get(cluster.name);
    if (known?.key === key) return known.credentials;
    const strategy = this.strategies.get(provider);
    if (!strategy) {
      throw new Error(
        `cluster '${cluster.name}': no authentication strategy for authProvider '${provider}'`,
      );
    }
    const credentials = ClusterCredentials.create({
      cluster,
      strategy,
      renewAfterMs: CREDENTIAL_RENEWAL_MS[provider],
    });
    this.credentialsByCluster.set(cluster.name, { key, credentials });
    this.logger.debug(
      `KMOP: credentials for cluster ${cluster.name} from ${provider}`,
    );
    return credentials;
  }

  client(
    cluster: KmopClusterConfig,
    options: { requestTimeoutMs?: number } = {},
  ): KubeClient {
    return KubeClient.create({
      cluster,
      credentials: this.credentials(cluster),
      requestTimeoutMs: options.requestTimeoutMs,
    });
  }
}
