export * from './announcer.js';
export * from './clock-ticker.js';
export * from './interaction-controller.js';
export * from './offer-queue-controller.js';
export * from './ring-controller.js';
export * from './active-interactions-controller.js';
export * from './interaction-session.js';
export * from './popup-controller.js';
