export { parseDuration, tryParseDuration, formatDuration } from './duration';
export {
  assertObjective,
  assertErrorRatio,
  burnRate,
  errorBudgetRemaining,
  timeToExhaustion,
} from './budget';
export type { SloObservation, TimeToExhaustionInput } from './budget';
export {
  SRE_WORKBOOK_ALERT_TIERS,
  multiwindowAlerts,
  evaluateAlerts,
  describeAlert,
} from './alerts';
export type { BurnRateAlertTier, BurnRatesByWindow } from './alerts';
