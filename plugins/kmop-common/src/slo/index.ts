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
