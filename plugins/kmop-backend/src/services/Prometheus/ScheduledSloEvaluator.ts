import { LoggerService } from '@backstage/backend-plugin-api';
import { KmopSloView } from '@kmop/plugin-kmop-common';
import { SloEvaluator } from '../EntityViewService/DefaultEntityViewService';

/** Options of {@link ScheduledSloEvaluator.create}. */
export interface ScheduledSloEvaluatorOptions {
  /** What computes the figures (the Prometheus evaluator); called per SLO. */
  evaluator: SloEvaluator;
  logger: LoggerService;
  /** An SLO nobody viewed for this long is no longer evaluated. Default 10 minutes. */
  forgetAfterMs?: number;
  /** Told the ids of the SLOs whose figures changed at an evaluation round. */
  onFiguresChanged?: (sloIds: string[]) => void;
  now?: () => number;
}

interface Entry {
  /** The SLO as the cache gave it; a change of it is evaluated at once. */
  input: KmopSloView;
  inputKey: string;
  result?: KmopSloView;
  running?: Promise<KmopSloView>;
  lastViewedAt: number;
}

/**
 * Shares SLO figures between all viewers: each SLO is evaluated when first
 * viewed (or when its object changed), then once per round — {@link evaluateAll},
 * run on a schedule — whatever the number of pages open, and views read the
 * latest result. The figures carry `evaluatedAt`. The computation itself stays
 * the wrapped evaluator's.
 */
export class ScheduledSloEvaluator implements SloEvaluator {
  private readonly options: ScheduledSloEvaluatorOptions;
  private readonly entries = new Map<string, Entry>();

  static create(options: ScheduledSloEvaluatorOptions): ScheduledSloEvaluator {
    return new ScheduledSloEvaluator(options);
  }

  private constructor(options: ScheduledSloEvaluatorOptions) {
    this.options = options;
  }

  evaluate(slos: KmopSloView[]): Promise<KmopSloView[]> {
    return Promise.all(slos.map(slo => this.latest(slo)));
  }

  /** One evaluation round of every SLO viewed lately. */
  async evaluateAll(): Promise<void> {
    const oldest = this.now() - (this.options.forgetAfterMs ?? 600_000);
    const changed: string[] = [];
    const rounds: Promise<void>[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.lastViewedAt < oldest) {
        this.entries.delete(id);
        continue;
      }
      const before = entry.result;
      rounds.push(
        this.run(entry).then(after => {
          if (before && figures(before) !== figures(after)) changed.push(id);
        }),
      );
    }
    await Promise.all(rounds);
    if (changed.length > 0) this.options.onFiguresChanged?.(changed);
  }

  private latest(slo: KmopSloView): Promise<KmopSloView> {
    const inputKey = JSON.stringify(slo);
    let entry = this.entries.get(slo.id);
    if (!entry || entry.inputKey !== inputKey) {
      entry = { input: slo, inputKey, lastViewedAt: this.now() };
      this.entries.set(slo.id, entry);
    }
    entry.lastViewedAt = this.now();
    if (entry.result) return Promise.resolve(entry.result);
    return entry.running ?? this.run(entry);
  }

  private run(entry: Entry): Promise<KmopSloView> {
    // Concurrent viewers of a new SLO share its one evaluation.
    entry.running ??= this.options.evaluator
      .evaluate([entry.input])
      .then(
        ([result]) => {
          entry.result = result;
          return result;
        },
        error => {
          this.options.logger.warn(
            `KMOP could not evaluate SLO ${entry.input.id}: ${
              (error as Error).message
            }`,
          );
          return entry.result ?? entry.input;
        },
      )
      .finally(() => {
        entry.running = undefined;
      });
    return entry.running;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

// What a person sees change; a new `evaluatedAt` alone is no change.
function figures(slo: KmopSloView): string {
  const { evaluatedAt: _evaluatedAt, ...rest } = slo;
  return JSON.stringify(rest);
}
