// Everything but the simulated contact center, registered: the drop-in bundle's entry. The simulated
// contact center is the biggest adapter and a page on a real backend never needs it, so the bundle
// keeps it out (`<callback-desk simulated>` imports it lazily; `adapters/simulated.bundle.js` exports
// it beside the bundle). `callback-elements` (src/index.ts) is this plus the simulated contact center.
export * from './model/index.js';
export * from './adapters/index.js';
export * from './context/index.js';
export * from './controllers/index.js';
export { CallbackErrorEvent, type CallbackErrorDetail } from './events/error-event.js';
export * from './callback-provider.js';
export * from './callback-notification.js';
export * from './callback-info.js';
export * from './call-status.js';
export * from './call-actions.js';
export * from './team-communicator.js';
export * from './dtmf-keypad.js';
export * from './callback-scheduler.js';
export * from './disposition-picker.js';
export * from './interaction-note.js';
export * from './case-history.js';
export * from './agent-status.js';
export * from './interaction-window.js';
export * from './contact-directory.js';
export * from './standard-responses.js';
export * from './callback-preview.js';
export * from './unsent-work.js';
export * from './callback-desk.js';
