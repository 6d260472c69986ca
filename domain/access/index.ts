export * from './actions.js';
export * from './roles.js';
export * from './policy.js';
export * from './people.js';
export * from './referrer-link.js';
