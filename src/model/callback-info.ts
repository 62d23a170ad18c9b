import type { Attempt, CallbackType, DialResult, Interaction } from './interaction.js';

/**
 * The items a Callback Information view can show. The administrator picks which and in what
 * order. `case:<key>` picks one field from the form or IVR data; `case:*` all of them (in the order
 * they were gathered) that are not shown elsewhere in the list.
 */
export type CallbackInfoKey =
  | 'desired-time'
  | 'type'
  | 'number'
  | 'instructions'
  | 'subject'
  | 'contact-local-time'
  | 'former-attempts'
  | 'last-result'
  | `case:${string}`;

/** Default order, as in Workspace: DesiredTime, Type, Number, Instructions; then the form data. */
export const DEFAULT_CALLBACK_INFO: readonly CallbackInfoKey[] = ['desired-time', 'type', 'number', 'instructions', 'case:*'];

export type CallbackInfoItem =
  | { key: 'desired-time'; kind: 'time'; value: number; contactTimeZone?: string }
  | { key: 'contact-local-time'; kind: 'time-zone'; value: string }
  | { key: 'type'; kind: 'callback-type'; value: CallbackType }
  | { key: 'number' | 'instructions' | 'subject'; kind: 'text'; value: string }
  | { key: 'former-attempts'; kind: 'attempts'; value: readonly Attempt[] }
  | { key: 'last-result'; kind: 'dial-result'; value: DialResult }
  | { key: `case:${string}`; kind: 'case'; label: string; value: string };

/**
 * The items to show, in the configured order, leaving out those with no value. Labels of case
 * fields come from the backend (or the key); the other labels are the element's to localize.
 */
export function callbackInfoItems(
  interaction: Interaction,
  keys: readonly CallbackInfoKey[] = DEFAULT_CALLBACK_INFO,
): CallbackInfoItem[] {
  const items: CallbackInfoItem[] = [];
  const explicitCaseKeys = new Set(keys.filter((k) => k.startsWith('case:') && k !== 'case:*').map((k) => k.slice(5)));
  const seen = new Set<string>();
  const push = (item: CallbackInfoItem) => {
    if (seen.has(item.key)) return;
    seen.add(item.key);
    items.push(item);
  };
  for (const key of keys) {
    switch (key) {
      case 'desired-time':
        if (interaction.desiredTime !== undefined) {
          push({
            key,
            kind: 'time',
            value: interaction.desiredTime,
            ...(interaction.contact.timeZone ? { contactTimeZone: interaction.contact.timeZone } : {}),
          });
        }
        break;
      case 'contact-local-time':
        if (interaction.contact.timeZone) push({ key, kind: 'time-zone', value: interaction.contact.timeZone });
        break;
      case 'type':
        push({ key, kind: 'callback-type', value: interaction.callbackType });
        break;
      case 'number':
        if (interaction.contact.phone) push({ key, kind: 'text', value: interaction.contact.phone });
        break;
      case 'instructions':
      case 'subject': {
        const value = interaction[key];
        if (value) push({ key, kind: 'text', value });
        break;
      }
      case 'former-attempts':
        if (interaction.attempts.length) push({ key, kind: 'attempts', value: interaction.attempts });
        break;
      case 'last-result': {
        const last = interaction.attempts.at(-1);
        if (last) push({ key, kind: 'dial-result', value: last.result });
        break;
      }
      default: {
        const caseKey = key.slice(5);
        const fields =
          caseKey === '*'
            ? interaction.caseData.filter((f) => !explicitCaseKeys.has(f.key))
            : interaction.caseData.filter((f) => f.key === caseKey);
        for (const field of fields) {
          if (field.value !== '') push({ key: `case:${field.key}`, kind: 'case', label: field.label ?? field.key, value: field.value });
        }
      }
    }
  }
  return items;
}
