// The parts of sip.js the SIP adapters use, which connection.ts loads with import() the first time
// an adapter connects. Named, so that a bundler keeps only these and what they need: the drop-in
// bundle's sip.js chunk (and an app's) goes without sip.js's SimpleUser, session manager, publisher
// and subscriber (about 50 KB minified).
import { Core as SipCore, Web as SipWeb } from 'sip.js';

export { Invitation, Inviter, Registerer, RegistererState, SIPExtension, SessionState, UserAgent } from 'sip.js';

/** sip.js's `Core`, as far as the adapters use it: its parser. */
export const Core = { Parser: SipCore.Parser };

/** sip.js's `Web`, as far as the adapters use it. */
export const Web = {
  SessionDescriptionHandler: SipWeb.SessionDescriptionHandler,
  defaultPeerConnectionConfiguration: SipWeb.defaultPeerConnectionConfiguration,
};
