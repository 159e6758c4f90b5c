/** Employment-status rules: pure, no I/O. The people module's face re-exports what others may use. */
export type * from './events.ts';
export { checkIncomeLimitTable, INCOME_LIMITS, isMissing, limitFor, type MissingIncomeLimit } from './incomeLimits.ts';
export { pendingDays, periodOn, type StatusOnDate, statusOn, unemploymentDays } from './query.ts';
export { classifyContract, RULES, type Rule, type RuleId, resolveParameters, ruleById, STATUS_PARAMETERS, type StatusParameters } from './rules.ts';
export { computeTimeline, sortEvents, type TimelineOptions } from './timeline.ts';
