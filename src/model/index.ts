export * from './clock.js';
export * from './interaction.js';
export * from './state-machine.js';
export * from './actions.js';
export * from './validation.js';
export * from './callback-info.js';
export * from './after-call-work.js';
