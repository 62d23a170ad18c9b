// Everything, registered. Per-element imports (`callback-elements/callback-notification.js`) load less.
export * from './model/index.js';
export * from './adapters/index.js';
export * from './context/index.js';
export * from './controllers/index.js';
export { CallbackErrorEvent, type CallbackErrorDetail } from './elements/shared/events.js';
export * from './callback-provider.js';
export * from './callback-notification.js';
export * from './adapters/simulated/index.js';
