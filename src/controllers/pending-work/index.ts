export * from './pending-work-store.js';
export * from './pending-work-controller.js';
export * from './mark-done-retry.js';
