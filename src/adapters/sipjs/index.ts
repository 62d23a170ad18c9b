export { SipTelephonyAdapter } from './sip-telephony-adapter.js';
export { defaultTargetUri, escapeUserPart, SIP_DEFAULTS } from './config.js';
export type { SipAudioOptions, SipCallbackDataOptions, SipReconnectOptions, SipTelephonyOptions } from './config.js';
export { callbackDataFromInvite } from './invite-data.js';
