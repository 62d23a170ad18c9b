import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';

/** How DTMF digits are shown when they are sensitive (a card number, a PIN). */

export const DTMF_MASK = '•';

/** One `•` per digit: what the screen, events and history show for masked digits. */
export function maskDigits(digits: string): string {
  return DTMF_MASK.repeat([...digits].length);
}

/** The digits as they may be shown: masked when `masked`, as they are otherwise. */
export function shownDigits(digits: string, masked: boolean): string {
  return masked ? maskDigits(digits) : digits;
}

/**
 * Digits for the screen. Masked digits show as `•` but are read as "4 hidden digits", so a screen
 * reader does not recite "bullet" four times.
 */
export function renderDigits(digits: string, masked: boolean): TemplateResult {
  if (!masked) return html`<span class="digits">${digits}</span>`;
  const count = [...digits].length;
  return html`<span class="digits masked"
    ><span aria-hidden="true">${maskDigits(digits)}</span
    ><span class="visually-hidden">${msg(str`${count} hidden digits`, { id: 'dtmf.hidden-digits' })}</span></span
  >`;
}
