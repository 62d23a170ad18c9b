// Everything, registered. Per-element imports (`callback-elements/callback-notification.js`) load less.
export * from './core.js';
export * from './adapters/simulated/index.js';
