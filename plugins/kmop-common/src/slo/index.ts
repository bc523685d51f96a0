export {
  assertObjective,
  assertErrorRatio,
  burnRate,
  errorBudgetRemaining,
  timeToExhaustion,
  objectiveFromPercent,
  errorBudget,
  budgetText,
} from './budget';
export type {
  SloObservation,
  TimeToExhaustionInput,
  ErrorBudget,
} from './budget';
export {
  SRE_WORKBOOK_ALERT_TIERS,
  SLOTH_ALERT_TIERS,
  multiwindowAlerts,
  pyrraAlerts,
  evaluateAlerts,
  describeAlert,
} from './alerts';
export type { BurnRateAlertTier, BurnRatesByWindow } from './alerts';
export {
  alertBurns,
  describeFiring,
  hasSloFigures,
  roundBurn,
  sloHealth,
} from './health';
export type { AlertBurn, SloFigures, SloHealthVerdict } from './health';
export { withMeasuredFigures } from './figures';
export type { MeasuredSloFigures } from './figures';
export {
  PrometheusClient,
  errorRatioQuery,
  measureSlo,
  windowedQuery,
} from './prometheus';
export type {
  PrometheusClientOptions,
  PrometheusScalarQuery,
} from './prometheus';
