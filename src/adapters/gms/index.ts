export { GmsCallbackAdapter, type CreateCallbackRequest, type IngestOptions } from './gms-callback-adapter.js';
export type { GmsCallbackAdapterOptions, GmsRetryOptions } from './config.js';
export { DEFAULT_MAPPING, type CallbackDataMapping } from './callback-data.js';
export type { GmsCallbackRecord } from './records.js';
export type { GmsErrorBody } from './errors.js';
