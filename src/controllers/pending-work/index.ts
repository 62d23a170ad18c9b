export * from './pending-work-store.js';
export * from './pending-work-controller.js';
export * from './mark-done-retry.js';
export * from './mark-done.js';
export * from './unsent-work-controller.js';
