/*
 * The duration grammars of the ecosystems KMOP reads and writes, side by side, so every parser,
 * schema and compiler in the repository asks this one table which texts are durations.
 *
 * Sources: Go `time.ParseDuration` (go1.22 src/time/format.go); Prometheus
 * `model.ParseDuration` (prometheus/common v0.62 model/time.go); Gateway API `Duration`
 * (gateway-api v1.2 apis/v1/shared_types.go, GEP-2257); Argo Rollouts `RolloutPause.DurationSeconds`
 * (argo-rollouts v1.7 pkg/apis/rollouts/v1alpha1/types.go); the KMOP contract
 * (docs/resource-model.md).
 */

/**
 * Which ecosystem's rules a duration text is read by.
 *
 * @public
 */
export type DurationGrammar =
  /** The KMOP contract: one whole number > 0 and one unit of ms, s, m, h, d (`30s`, `1h`, `30d`). */
  | 'kmop'
  /** A KMOP SLO or burn-rate window: a KMOP duration that may also be in weeks (`4w`). */
  | 'kmopWindow'
  /**
   * Go's `time.ParseDuration`, which Flagger intervals, Istio (through CEL `duration()`), Envoy
   * Gateway's `metav1.Duration` fields and Argo Rollouts use: compound, fractional, units ns,
   * us (µs, μs), ms, s, m, h, or a bare `0` (`1h30m`, `1.5s`, `500ms`). Signs are refused: no
   * field KMOP reads takes a negative duration.
   */
  | 'go'
  /** Gateway API's `Duration` (GEP-2257): up to four parts of at most five digits, units h, m, s, ms. */
  | 'gatewayApi'
  /**
   * Prometheus' `model.ParseDuration`, which Sloth and Pyrra windows and PromQL ranges use:
   * whole numbers, units y, w, d, h, m, s, ms, each at most once and largest first, or `0`.
   */
  | 'prometheus'
  /** An Argo Rollouts pause duration: a bare whole number is seconds (`30`), otherwise Go. */
  | 'argoPause';

interface GrammarRule {
  pattern: RegExp;
  /** What a text must be, completing "must be …" in messages. */
  expected: string;
}

const GO =
  /^(?:0|(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;

/**
 * Each grammar's pattern and the words that say what it accepts.
 *
 * @public
 */
export const DURATION_GRAMMARS: Readonly<Record<DurationGrammar, GrammarRule>> =
  {
    kmop: {
      // The CRDs carry this pattern's source: change it only with the CRDs.
      pattern: /^[1-9][0-9]*(ms|s|m|h|d)$/,
      expected:
        'a duration such as 30s, 5m or 1h (a whole number > 0 followed by ms, s, m, h or d)',
    },
    kmopWindow: {
      pattern: /^[1-9][0-9]*(ms|s|m|h|d|w)$/,
      expected:
        'a duration such as 1h, 30d or 4w (a whole number > 0 followed by ms, s, m, h, d or w)',
    },
    go: {
      pattern: GO,
      expected:
        'a Go duration such as 30s, 1.5s or 1h30m (units ns, us, ms, s, m, h)',
    },
    gatewayApi: {
      pattern: /^([0-9]{1,5}(h|m|s|ms)){1,4}$/,
      expected:
        'a Gateway API duration such as 10s or 1h30m (at most four parts of up to five digits, units h, m, s, ms)',
    },
    prometheus: {
      pattern:
        /^(?:0|(?=[0-9])(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?)$/,
      expected:
        'a Prometheus duration such as 5m, 28d or 1h30m (whole numbers, units y, w, d, h, m, s, ms, largest first)',
    },
    argoPause: {
      pattern: new RegExp(`^[0-9]+$|${GO.source}`),
      expected: 'a number of seconds or a Go duration such as 30s or 1h',
    },
  };
