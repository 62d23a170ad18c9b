import { msg } from '@lit/localize';
import type { Interaction, InteractionState } from '../../model/interaction.js';
import { isDtmfKey } from '../../model/validation.js';
import { validationMessage } from '../../messages/window-messages.js';

export interface DtmfKey {
  /** The DTMF character sent. */
  key: string;
  /** Letters printed under the digit, as on a phone (decoration, not part of the name). */
  letters: string;
}

const k = (key: string, letters = ''): DtmfKey => ({ key, letters });

/** Row by row, as on a telephone; the fourth column (A-D) only on an extended keypad. */
const ROWS: readonly (readonly DtmfKey[])[] = [
  [k('1'), k('2', 'ABC'), k('3', 'DEF'), k('A')],
  [k('4', 'GHI'), k('5', 'JKL'), k('6', 'MNO'), k('B')],
  [k('7', 'PQRS'), k('8', 'TUV'), k('9', 'WXYZ'), k('C')],
  [k('*'), k('0', '+'), k('#'), k('D')],
];

export function keypadKeys(extended: boolean): DtmfKey[] {
  return ROWS.flatMap((row) => (extended ? row : row.slice(0, 3)));
}

/** A key the keypad takes: any DTMF character, A-D only when extended. Lower case is accepted. */
export function acceptsKey(key: string, extended: boolean): boolean {
  return isDtmfKey(key) && (extended || !/^[A-D]$/i.test(key));
}

/** The accessible name of a key: the digit itself, or the symbol's spoken name. */
export function keyName(key: string): string {
  switch (key) {
    case '*':
      return msg('star', { id: 'dtmf.key-star' });
    case '#':
      return msg('pound', { id: 'dtmf.key-pound' });
    default:
      return key;
  }
}

/** Shown when a character that cannot be sent is typed. */
export function refusedKeyHint(extended: boolean): string {
  return extended ? validationMessage('dtmf-invalid') : msg('Only 0-9, * and # can be sent.', { id: 'dtmf.invalid-basic' });
}

/** Why the keypad is disabled: the model disables DTMF while held or dialing. */
export function disabledReason(state: InteractionState): string {
  switch (state) {
    case 'held':
      return msg('The call is on hold. Resume it to send digits.', { id: 'dtmf.reason-held' });
    case 'dialing':
      return msg('Digits can be sent once the contact answers.', { id: 'dtmf.reason-dialing' });
    default:
      return msg('Digits cannot be sent right now.', { id: 'dtmf.reason-other' });
  }
}

/** The DTMF sent on the current call, oldest first: the entries since the call began. */
export function sentThisCall(interaction: Interaction): { digits: string; masked: boolean }[] {
  const sent: { digits: string; masked: boolean }[] = [];
  for (let i = interaction.history.length - 1; i >= 0; i--) {
    const entry = interaction.history[i]!;
    if (entry.kind === 'accepted' || entry.kind === 'dial') break;
    if (entry.kind === 'dtmf') sent.unshift({ digits: entry.digits, masked: entry.masked });
  }
  return sent;
}
