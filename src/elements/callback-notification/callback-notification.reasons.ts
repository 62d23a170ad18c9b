import { msg, str } from '@lit/localize';
import type { RevokedReason } from '../../model/interaction.js';

// What the agent reads and hears about an offer withdrawn for a reason the adapter gave. Rare (a
// call the browser cannot take), so fetched only when one happens: the notification's eager part
// stays small.

/** The notice's text. */
export function revokedReasonText(reason: RevokedReason): string {
  switch (reason) {
    case 'incompatible-media':
      return msg("This call's audio cannot be connected from the browser: the caller's phone system needs a WebRTC gateway. The call was refused.", {
        id: 'notification.revoked-incompatible-media',
      });
  }
}

/** What the live region says. */
export function revokedReasonAnnouncement(reason: RevokedReason, who: string): string {
  switch (reason) {
    case 'incompatible-media':
      return msg(str`The call from ${who} could not be taken: its audio cannot be connected from the browser (it needs a WebRTC gateway).`, {
        id: 'announce.revoked-incompatible-media',
      });
  }
}
