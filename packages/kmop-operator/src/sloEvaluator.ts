import {
  KmopBurnRate,
  PrometheusClient,
  measureSlo,
  normalizeKmopSlo,
  withMeasuredFigures,
} from '@kmop/plugin-kmop-common';
import { Logger } from './log';
import { OperatorMetrics } from './metrics';
import type { Condition } from './ownerStatus';
import { KubeObject, keyOf } from './types';

/** The condition type an SLO's evaluation reports under. */
export const EVALUATED_CONDITION = 'Evaluated';

/** The status fields an evaluation writes (the ServiceLevelObjective status schema's). */
export interface SloFigures {
  sli?: number;
  errorBudgetRemaining?: number;
  burnRates?: KmopBurnRate[];
  lastEvaluated: string;
}

/** The latest evaluation of one ServiceLevelObjective. */
export interface SloEvaluation {
  uid?: string;
  generation?: number;
  /**
   * The figures to write. Undefined when Prometheus could not be asked: the figures already
   * in the status stay, dated by their `lastEvaluated`, and the condition says why.
   */
  figures?: SloFigures;
  condition: Condition;
}

/** Options of an {@link SloEvaluator}. */
export interface SloEvaluatorOptions {
  prometheus: PrometheusClient;
  /** Time between the starts of two rounds (every SLO queried once per round). */
  intervalMs: number;
  /** The ServiceLevelObjectives to evaluate, from the informer cache. */
  list: () => readonly KubeObject[];
  /** Told after an SLO's evaluation changed, so its status gets written. */
  onEvaluated: (key: string) => void;
  log: Logger;
  metrics: OperatorMetrics;
  /** SLOs queried at once (each runs one query per window at once). */
  concurrency?: number;
  now?: () => Date;
}

const keyOfSlo = (o: KubeObject) =>
  keyOf(o.kind, o.metadata.namespace ?? '', o.metadata.name);

function describeFailure(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}

function condition(
  ok: boolean,
  reason: string,
  message: string,
  generation: number | undefined,
): Condition {
  return {
    type: EVALUATED_CONDITION,
    status: ok ? 'True' : 'False',
    reason,
    message,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}

/**
 * Measures every kmop.dev ServiceLevelObjective from its own queries against one Prometheus,
 * on a schedule: one round per interval, one set of queries (the SLO window and each alert
 * window) per SLO per round, with kmop-common's SLO math — the same as the KMOP backend's. A
 * new or changed SLO is measured at once rather than at the next round. It writes nothing
 * itself: it keeps the latest evaluation and asks for a reconcile, whose status write carries
 * it, so the status has one writer and is written only when it says something new.
 */
export class SloEvaluator {
  private readonly o: SloEvaluatorOptions;
  private readonly evaluations = new Map<string, SloEvaluation>();
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  constructor(options: SloEvaluatorOptions) {
    this.o = options;
  }

  /** Starts the rounds; the first runs at once. */
  start(): void {
    this.schedule(0);
  }

  /** Stops the rounds; a round under way finishes without asking for reconciles. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /**
   * The latest evaluation of an SLO, when it was made for the object as it is (same uid and
   * generation: figures measured against a former objective are not the SLO's).
   */
  latest(slo: KubeObject): SloEvaluation | undefined {
    const e = this.evaluations.get(keyOfSlo(slo));
    if (
      !e ||
      e.uid !== slo.metadata.uid ||
      e.generation !== slo.metadata.generation
    ) {
      return undefined;
    }
    return e;
  }

  /** Measures an SLO now if its latest evaluation is not of this uid and generation. */
  request(slo: KubeObject): void {
    const key = keyOfSlo(slo);
    if (this.stopped || this.latest(slo) || this.pending.has(key)) return;
    this.pending.add(key);
    void this.evaluate(slo).finally(() => this.pending.delete(key));
  }

  /** Forgets a deleted SLO. */
  forget(slo: KubeObject): void {
    this.evaluations.delete(keyOfSlo(slo));
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.round = this.runRound().finally(() => {
        this.round = undefined;
        this.schedule(Math.max(0, this.o.intervalMs - (Date.now() - started)));
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    const slos = [...this.o.list()];
    const concurrency = this.o.concurrency ?? 4;
    let next = 0;
    const worker = async () => {
      while (!this.stopped && next < slos.length) {
        const slo = slos[next++];
        if (!slo.metadata.deletionTimestamp) await this.evaluate(slo);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async evaluate(slo: KubeObject): Promise<void> {
    const evaluation = await this.measure(slo);
    if (this.stopped) return;
    this.o.metrics.sloEvaluations.inc({ reason: evaluation.condition.reason });
    const key = keyOfSlo(slo);
    this.evaluations.set(key, evaluation);
    this.o.onEvaluated(key);
  }

  private async measure(slo: KubeObject): Promise<SloEvaluation> {
    const { uid, generation } = slo.metadata;
    const base = { uid, generation };
    // The SLO as the view model reads it, without the status being written.
    const { status: _status, ...spec } = slo;
    const [view] = normalizeKmopSlo(spec, { cluster: 'operator' });
    const time = (this.o.now ?? (() => new Date()))();
    let measured;
    try {
      measured = view
        ? await measureSlo(
            view,
            (query, at) => this.o.prometheus.scalar(query, at),
            time,
          )
        : undefined;
    } catch (error) {
      const message = describeFailure(error);
      this.o.log.warn('Prometheus query failed', {
        object: keyOfSlo(slo),
        error: message,
      });
      const previous = slo.status?.lastEvaluated;
      return {
        ...base,
        condition: condition(
          false,
          'PrometheusUnreachable',
          `Prometheus could not be queried: ${message}; ${
            typeof previous === 'string'
              ? `the figures are those measured at ${previous}`
              : 'no figures yet'
          }`,
          generation,
        ),
      };
    }
    if (!view || !measured) {
      return {
        ...base,
        figures: { lastEvaluated: time.toISOString() },
        condition: condition(
          false,
          'NotMeasurable',
          'the spec has no valid objective, window or queries to measure',
          generation,
        ),
      };
    }
    const figures = withMeasuredFigures(view, measured);
    const missing = view.alerts
      .flatMap(a => [a.shortWindow, a.longWindow])
      .filter(
        (w, i, all) =>
          all.indexOf(w) === i && !measured.burnRates.some(b => b.window === w),
      );
    const written: SloFigures = {
      ...(figures.sli !== undefined ? { sli: figures.sli } : {}),
      ...(figures.errorBudgetRemaining !== undefined
        ? { errorBudgetRemaining: figures.errorBudgetRemaining }
        : {}),
      ...(figures.burnRates.length > 0 ? { burnRates: figures.burnRates } : {}),
      lastEvaluated: measured.evaluatedAt,
    };
    if (figures.sli === undefined && figures.burnRates.length === 0) {
      return {
        ...base,
        figures: written,
        condition: condition(
          false,
          'NoData',
          `Prometheus has no data for the SLO's queries (window ${view.window})`,
          generation,
        ),
      };
    }
    const gaps = [
      ...(figures.sli === undefined ? [`the SLO window ${view.window}`] : []),
      ...(missing.length > 0 ? [`burn windows ${missing.join(', ')}`] : []),
    ];
    return {
      ...base,
      figures: written,
      condition: condition(
        true,
        'Measured',
        `measured from Prometheus${
          gaps.length > 0 ? `; no data for ${gaps.join(' and ')}` : ''
        }`,
        generation,
      ),
    };
  }
}
