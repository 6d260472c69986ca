export * from './calendar-date.js';
export * from './working-days.js';
export * from './bank-holidays.js';
export * from './triage-policy.js';
export * from './priority.js';
export * from './due-dates.js';
export * from './queue-order.js';
