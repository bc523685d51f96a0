import { V1Lease } from '@kubernetes/client-node';
import { KubeClient, describeError, statusCodeOf } from './kube';
import { Logger } from './log';

/** Options of a {@link LeaderElector}; durations as client-go's leader election takes them. */
export interface LeaderElectionOptions {
  client: KubeClient;
  log: Logger;
  namespace: string;
  name: string;
  /** This replica's name in the Lease's `holderIdentity`. */
  identity: string;
  /** How long a Lease holds without renewal (client-go default 15 s). */
  leaseDurationMs: number;
  /** How long the leader keeps trying to renew before it gives up leading (default 10 s). */
  renewDeadlineMs: number;
  /** Time between attempts to acquire or renew (default 2 s). */
  retryPeriodMs: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  /** Told after every successful round trip to the API server. */
  onContact?: () => void;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

/**
 * Leader election through a `coordination.k8s.io/v1` Lease, as client-go's leaderelection
 * package does it: a candidate takes a Lease that nobody renewed for its duration (measured
 * on its own clock from when it last saw the Lease change, so clocks need not agree); the
 * leader renews it every retry period and stops leading when it cannot renew within the
 * renew deadline; releasing empties the holder so another replica takes over at once.
 */
export class LeaderElector {
  private readonly o: LeaderElectionOptions;
  private timer?: NodeJS.Timeout;
  private leading = false;
  private stopped = false;
  private lastRenew = 0;
  private observed?: { record: string; at: number };

  constructor(options: LeaderElectionOptions) {
    this.o = options;
  }

  /** True while this replica holds the Lease. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts trying to acquire, then to renew, every retry period. */
  start(): void {
    void this.tick();
  }

  /** Stops; when leading, releases the Lease so a standby takes over without waiting. */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.leading && release) {
      await this.release();
    }
    this.setLeading(false);
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.o.retryPeriodMs);
    this.timer.unref?.();
  }

  private setLeading(leading: boolean) {
    if (leading === this.leading) return;
    this.leading = leading;
    this.o.log.info(leading ? 'became leader' : 'stopped leading', {
      lease: `${this.o.namespace}/${this.o.name}`,
      identity: this.o.identity,
    });
    if (leading) this.o.onStartedLeading();
    else this.o.onStoppedLeading();
  }

  private async tick(): Promise<void> {
    try {
      const ok = await this.tryAcquireOrRenew();
      this.o.onContact?.();
      if (ok) {
        this.lastRenew = Date.now();
        this.setLeading(true);
      } else {
        this.setLeading(false);
      }
    } catch (e) {
      this.o.log.warn('lease update failed', { error: describeError(e) });
      if (
        this.leading &&
        Date.now() - this.lastRenew > this.o.renewDeadlineMs
      ) {
        this.setLeading(false);
      }
    }
    this.schedule();
  }

  private spec(
    now: Date,
    transitions: number,
    acquire: boolean,
    old?: V1Lease,
  ) {
    return {
      holderIdentity: this.o.identity,
      leaseDurationSeconds: seconds(this.o.leaseDurationMs),
      acquireTime: acquire ? now : old?.spec?.acquireTime,
      renewTime: now,
      leaseTransitions: transitions,
    };
  }

  /** One round: true when this replica holds the Lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity } = this.o;
    const now = new Date();
    const lease = await client.getLease(namespace, name);
    if (!lease) {
      try {
        await client.createLease(namespace, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: this.spec(now, 0, true),
        });
        return true;
      } catch (e) {
        if (statusCodeOf(e) === 409) return false; // Another replica created it first.
        throw e;
      }
    }
    const holder = lease.spec?.holderIdentity ?? '';
    const record = JSON.stringify([
      holder,
      lease.spec?.renewTime,
      lease.spec?.leaseTransitions,
    ]);
    if (!this.observed || this.observed.record !== record) {
      this.observed = { record, at: Date.now() };
    }
    const durationMs = (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
    const held = holder !== '' && holder !== identity;
    if (held && Date.now() < this.observed.at + durationMs) {
      return false;
    }
    const transitions =
      (lease.spec?.leaseTransitions ?? 0) + (holder === identity ? 0 : 1);
    try {
      await client.updateLease(namespace, {
        ...lease,
        spec: this.spec(now, transitions, holder !== identity, lease),
      });
      return true;
    } catch (e) {
      if (statusCodeOf(e) === 409) return false; // Someone else wrote it in between.
      throw e;
    }
  }

  private async release(): Promise<void> {
    try {
      const lease = await this.o.client.getLease(this.o.namespace, this.o.name);
      if (lease?.spec?.holderIdentity !== this.o.identity) return;
      await this.o.client.updateLease(this.o.namespace, {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: '',
          leaseDurationSeconds: 1,
          renewTime: new Date(),
        },
      });
      this.o.log.info('released lease', {
        lease: `${this.o.namespace}/${this.o.name}`,
      });
    } catch (e) {
      this.o.log.warn('lease not released', { error: describeError(e) });
    }
  }
}
