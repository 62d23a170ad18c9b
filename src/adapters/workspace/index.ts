export { WorkspaceTelephonyAdapter } from './workspace-telephony-adapter.js';
export { WorkspaceSession } from './session.js';
export { WORKSPACE_DEFAULTS, type WorkspaceOptions } from './config.js';
export type { WireCall, WireDn, WireKvPair, WireConfiguration } from './wire.js';
