export * from './errors.js';
export type * from './callback-adapter.js';
export type * from './telephony-adapter.js';
export type * from './directory-adapter.js';
