export { PhoneCallbackAdapter } from './phone-callback-adapter.js';
export type { CallbackScheduler, PhoneCallbackAdapterOptions } from './phone-callback-adapter.js';
