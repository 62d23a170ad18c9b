export { PhoneCallbackAdapter } from './phone-callback-adapter.js';
export type { PhoneCallbackAdapterOptions } from './phone-callback-adapter.js';
