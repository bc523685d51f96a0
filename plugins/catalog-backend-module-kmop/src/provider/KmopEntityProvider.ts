import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { KUBERNETES_ANNOTATION_CLUSTER } from '@kmop/plugin-kmop-common';
import {
  CachedObject,
  ClusterCache,
  ClusterCacheChange,
  MICROSERVICE_KIND,
} from '@kmop/plugin-kmop-node';
import { isKmopProvided, microserviceToEntity } from './microserviceToEntity';
import { KmopProviderConfig } from './readProviderConfig';

/**
 * Options of {@link KmopEntityProvider.create}.
 *
 * @public
 */
export interface KmopEntityProviderOptions {
  cache: ClusterCache;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  config: KmopProviderConfig;
  /** Delay before retrying a full mutation that had to wait. Default 1 s. */
  retryDelayMs?: number;
}

interface Candidate {
  entity: Entity;
  source: string;
  cluster: string;
}

/**
 * Makes a Component of every KMOP Microservice the shared cluster cache holds.
 *
 * - A full mutation once every cluster has answered (or failed), after each
 *   re-list of Microservices by the cache, and every `resyncInterval`;
 *   changes in between are applied as delta mutations.
 * - A name already taken by an entity from somewhere else (a repository) is
 *   left to it; the same name in two clusters or namespaces gives one entity
 *   (clusters in configuration order, then namespaces by name). Both are logged.
 * - A cluster that cannot be read keeps its entities for as long as it stays
 *   unreachable, also across restarts: the cache keeps its last objects, and
 *   after a restart the entities the catalog already has for it are written again.
 *
 * @public
 */
export class KmopEntityProvider implements EntityProvider {
  private readonly options: KmopEntityProviderOptions;
  private connection?: EntityProviderConnection;
  private unsubscribe?: () => void;
  private timer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private fullDone = false;
  private readonly logged = new Set<string>();

  static create(options: KmopEntityProviderOptions): KmopEntityProvider {
    return new KmopEntityProvider(options);
  }

  private constructor(options: KmopEntityProviderOptions) {
    this.options = options;
  }

  getProviderName(): string {
    return 'kmop-microservices';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    this.unsubscribe = this.options.cache.subscribe(change =>
      this.onChange(change),
    );
    this.scheduleFull(0);
  }

  /** Stops listening and cancels the pending full mutation. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  /** Runs a full mutation now (after the queued work); for tests and tools. */
  refresh(): Promise<void> {
    return this.enqueue(() => this.fullMutation());
  }

  private onChange(change: ClusterCacheChange) {
    if (
      change.group !== MICROSERVICE_KIND.group ||
      change.kind !== MICROSERVICE_KIND.kind
    ) {
      return;
    }
    if (change.type === 'resync' || !this.fullDone) {
      this.scheduleFull(0);
      return;
    }
    if (!this.wanted({ cluster: change.cluster, object: change.object }))
      return;
    const name = change.object.metadata?.name;
    if (name) this.enqueue(() => this.deltaFor(name));
  }

  private scheduleFull(delayMs: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.fullMutation());
    }, delayMs);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch(error => {
      this.options.logger.warn(
        `KMOP entity provider: ${
          (error as Error).message
        }; retrying the full mutation`,
      );
      this.scheduleFull(this.options.retryDelayMs ?? 1000);
    });
    return this.queue;
  }

  private wanted({ cluster, object }: CachedObject): boolean {
    const { clusters, namespaces } = this.options.config;
    return (
      (!clusters || clusters.includes(cluster)) &&
      (!namespaces || namespaces.includes(object.metadata?.namespace ?? ''))
    );
  }

  private clusterOrder(): string[] {
    return this.options.cache
      .clusters()
      .map(c => c.name)
      .filter(
        n =>
          !this.options.config.clusters ||
          this.options.config.clusters.includes(n),
      );
  }

  /** Every Component the cache gives, one per name. */
  private candidates(): Map<string, Candidate> {
    const order = this.clusterOrder();
    const objects = this.options.cache
      .objects(MICROSERVICE_KIND)
      .filter(o => this.wanted(o))
      .sort(
        (a, b) =>
          order.indexOf(a.cluster) - order.indexOf(b.cluster) ||
          (a.object.metadata?.namespace ?? '').localeCompare(
            b.object.metadata?.namespace ?? '',
          ),
      );
    const byName = new Map<string, Candidate>();
    for (const object of objects) {
      const result = microserviceToEntity(object);
      if ('skipped' in result) {
        this.logOnce(
          `Skipped Microservice ${result.source}: ${result.skipped}`,
        );
        continue;
      }
      const name = result.entity.metadata.name;
      const first = byName.get(name);
      if (first) {
        this.logOnce(
          `Skipped Microservice ${result.source}: component:default/${name} is already made from ${first.source}`,
        );
        continue;
      }
      byName.set(name, { ...result, cluster: object.cluster });
    }
    return byName;
  }

  private async fullMutation(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const statuses = this.options.cache
      .clusters()
      .filter(
        c =>
          !this.options.config.clusters ||
          this.options.config.clusters.includes(c.name),
      );
    const listed = new Set(
      this.options.cache.listedClusters(MICROSERVICE_KIND),
    );
    if (statuses.some(s => s.state === 'syncing' && !listed.has(s.name))) {
      // The first list of a cluster is under way; a mutation now would drop its entities.
      this.scheduleFull(this.options.retryDelayMs ?? 1000);
      return;
    }
    // Clusters whose Microservices could not be listed since the start (down,
    // or no KMOP CRDs): what the catalog has from them is kept.
    const unread = statuses.map(s => s.name).filter(name => !listed.has(name));
    const byName = this.candidates();
    // Clusters not read since the start keep the entities the catalog has for them.
    for (const entity of await this.providedEntitiesOf(unread)) {
      if (!byName.has(entity.metadata.name)) {
        byName.set(entity.metadata.name, {
          entity,
          source: `${entity.metadata.annotations?.[KUBERNETES_ANNOTATION_CLUSTER]} (kept while unreachable)`,
          cluster:
            entity.metadata.annotations?.[KUBERNETES_ANNOTATION_CLUSTER] ?? '',
        });
      }
    }
    const taken = await this.namesTakenElsewhere([...byName.keys()]);
    const entities: DeferredEntity[] = [];
    for (const [name, candidate] of byName) {
      if (taken.has(name)) {
        this.logTaken(candidate, taken.get(name)!);
      } else {
        entities.push({ entity: candidate.entity });
      }
    }
    await connection.applyMutation({ type: 'full', entities });
    this.fullDone = true;
    this.options.logger.info(
      `KMOP entity provider: ${entities.length} Components from Microservices (full mutation)`,
    );
    this.scheduleFull(this.options.config.resyncIntervalMs);
  }

  private async deltaFor(name: string): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const candidate = this.candidates().get(name);
    const entityRef = `component:default/${name}`;
    if (!candidate) {
      await connection.applyMutation({
        type: 'delta',
        added: [],
        removed: [{ entityRef }],
      });
      this.options.logger.info(`KMOP entity provider: removed ${entityRef}`);
      return;
    }
    const taken = await this.namesTakenElsewhere([name]);
    if (taken.has(name)) {
      this.logTaken(candidate, taken.get(name)!);
      return;
    }
    await connection.applyMutation({
      type: 'delta',
      added: [{ entity: candidate.entity }],
      removed: [],
    });
    this.options.logger.info(
      `KMOP entity provider: wrote ${stringifyEntityRef(
        candidate.entity,
      )} from ${candidate.source}`,
    );
  }

  /** Names held by Components that this provider did not make, with where they came from. */
  private async namesTakenElsewhere(
    names: string[],
  ): Promise<Map<string, string>> {
    const taken = new Map<string, string>();
    if (names.length === 0) return taken;
    try {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      for (let i = 0; i < names.length; i += 100) {
        const { items } = await this.options.catalog.getEntities(
          {
            filter: {
              kind: 'Component',
              'metadata.namespace': 'default',
              'metadata.name': names.slice(i, i + 100),
            },
            fields: ['metadata.name', 'metadata.annotations'],
          },
          { credentials },
        );
        for (const entity of items) {
          if (!isKmopProvided(entity)) {
            taken.set(
              entity.metadata.name,
              entity.metadata.annotations?.[
                'backstage.io/managed-by-location'
              ] ?? 'another source',
            );
          }
        }
      }
    } catch (error) {
      // The catalog refuses a second writer of a name anyway (its location key
      // belongs to the repository); without the answer we only cannot say so here.
      this.options.logger.debug(
        `KMOP entity provider: could not check names in the catalog: ${
          (error as Error).message
        }`,
      );
    }
    return taken;
  }

  /** The entities this provider made earlier for the given clusters. */
  private async providedEntitiesOf(clusters: string[]): Promise<Entity[]> {
    if (clusters.length === 0) return [];
    const credentials = await this.options.auth.getOwnServiceCredentials();
    // No catch: a full mutation without these would delete the clusters' entities.
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${KUBERNETES_ANNOTATION_CLUSTER}`]: clusters,
        },
      },
      { credentials },
    );
    return items.filter(isKmopProvided).map(e => ({
      apiVersion: e.apiVersion,
      kind: e.kind,
      metadata: {
        name: e.metadata.name,
        namespace: e.metadata.namespace,
        ...(e.metadata.description
          ? { description: e.metadata.description }
          : {}),
        annotations: e.metadata.annotations,
      },
      spec: e.spec,
    }));
  }

  private logTaken(candidate: Candidate, location: string) {
    this.logOnce(
      `Skipped Microservice ${candidate.source}: component:default/${candidate.entity.metadata.name} is already registered from ${location}, which wins`,
    );
  }

  private logOnce(message: string) {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.options.logger.info(`KMOP entity provider: ${message}`);
  }
}
