export * from './pending-work-store.js';
export * from './unsent-work-controller.js';
