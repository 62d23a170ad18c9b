export { WorkspaceTelephonyAdapter } from './workspace-telephony-adapter.js';
export {
  WorkspaceCallbackAdapter,
  DEFAULT_USER_DATA_KEYS,
  type WorkspaceAgentState,
  type WorkspaceCallbackOptions,
  type WorkspaceNotReadyReason,
  type WorkspaceUserDataKeys,
} from './workspace-callback-adapter.js';
export {
  WorkspaceDirectoryAdapter,
  CONTACT_ATTRIBUTES,
  type WorkspaceContactInteraction,
  type WorkspaceDirectoryOptions,
} from './workspace-directory-adapter.js';
export { WorkspaceSession } from './session.js';
export { WORKSPACE_DEFAULTS, type WorkspaceOptions } from './config.js';
export type { WireCall, WireDn, WireKvPair, WireConfiguration } from './wire.js';
