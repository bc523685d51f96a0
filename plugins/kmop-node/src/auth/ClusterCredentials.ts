import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';

/**
 * Where a client gets the credential for its next request.
 *
 * @public
 */
export interface CredentialSource {
  /** A credential that is still fresh, fetched again when it is not. */
  get(): Promise<KubernetesCredential>;
  /**
   * Forgets the credential after the cluster answered 401 to it. Given the
   * refused credential, does nothing when that one was already replaced (many
   * requests fail at once when a token expires; one renewal is enough).
   */
  invalidate(refused?: KubernetesCredential): void;
}

/**
 * Options of {@link ClusterCredentials.create}.
 *
 * @public
 */
export interface ClusterCredentialsOptions {
  cluster: ClusterDetails;
  strategy: AuthenticationStrategy;
  /** Age after which a credential is fetched again; undefined keeps it until invalidated. */
  renewAfterMs?: number;
  /** Clock, replaced in tests. */
  now?: () => number;
}

/**
 * One cluster's credential from a Backstage authentication strategy, kept
 * until it is due for renewal (before the provider's token expires) or the
 * cluster rejects it. Concurrent callers share one fetch.
 *
 * @public
 */
export class ClusterCredentials implements CredentialSource {
  private readonly options: ClusterCredentialsOptions;
  private readonly now: () => number;
  private current?: { credential: KubernetesCredential; fetchedAt: number };
  private pending?: Promise<KubernetesCredential>;
  private generation = 0;

  static create(options: ClusterCredentialsOptions): ClusterCredentials {
    return new ClusterCredentials(options);
  }

  private constructor(options: ClusterCredentialsOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<KubernetesCredential> {
    const { renewAfterMs } = this.options;
    if (
      this.current &&
      (renewAfterMs === undefined ||
        this.now() - this.current.fetchedAt < renewAfterMs)
    ) {
      return this.current.credential;
    }
    this.pending ??= this.fetch();
    return this.pending;
  }

  invalidate(refused?: KubernetesCredential): void {
    if (refused && this.current && this.current.credential !== refused) return;
    if (refused && !this.current && this.pending) return;
    this.current = undefined;
    this.pending = undefined;
    this.generation++;
  }

  private async fetch(): Promise<KubernetesCredential> {
    const generation = this.generation;
    try {
      const credential = await this.options.strategy.getCredential(
        this.options.cluster,
        {},
      );
      if (generation === this.generation) {
        this.current = { credential, fetchedAt: this.now() };
      }
      return credential;
    } finally {
      if (generation === this.generation) {
        this.pending = undefined;
      }
    }
  }
}
