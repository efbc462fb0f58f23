export { backfill } from './backfill';
export { dailyOps } from './daily-ops';
export { generateReport } from './generate-report';
export { pullAccount } from './pull-account';
export { pullAll } from './pull-all';
export { pullTrackerApp } from './pull-tracker-app';
export { rebalanceBudgets } from './rebalance-budgets';
export { default } from './unknown-type';
