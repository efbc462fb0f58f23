export { dailyOps } from './daily-ops';
export { pullAccount } from './pull-account';
