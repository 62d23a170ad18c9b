export * from './failures.js';
export * from './mark-done.js';
export * from './wrap-up.js';
export * from './wrap-ups.js';
export * from './wrap-up-controller.js';
export * from './kept-windows-controller.js';
