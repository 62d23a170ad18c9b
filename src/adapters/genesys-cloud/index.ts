export { GenesysCloudCallbackAdapter, type CreateCallbackRequest, type GenesysCloudCallbackOptions, type GenesysCloudPresence } from './callback-adapter.js';
export { GenesysCloudSession } from './session.js';
export type { GenesysCloudOptions, RateLimit } from './config.js';
export type { NotificationStatus } from './notifications.js';
export { GenesysCloudTelephonyAdapter, type GenesysCloudTelephonyOptions } from './telephony-adapter.js';
export { GenesysCloudDirectoryAdapter, type GenesysCloudDirectoryOptions } from './directory-adapter.js';
