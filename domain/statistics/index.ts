export * from './financial-year.js';
export * from './statistical-profile.js';
export * from './breakdowns.js';
export * from './counters.js';
export * from './fold.js';
export * from './disclosure-control.js';
export * from './tables.js';
export * from './csv.js';
