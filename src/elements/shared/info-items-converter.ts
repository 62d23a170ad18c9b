import type { ComplexAttributeConverter } from 'lit';
import { DEFAULT_CALLBACK_INFO, type CallbackInfoKey } from '../../model/callback-info.js';

const NAMED_KEYS: ReadonlySet<string> = new Set<CallbackInfoKey>([
  'desired-time',
  'type',
  'number',
  'instructions',
  'subject',
  'contact-local-time',
  'former-attempts',
  'last-result',
]);

/** A key the model knows: a named item, or `case:<field>` / `case:*` for form and IVR data. */
export function isCallbackInfoKey(value: string): value is CallbackInfoKey {
  return NAMED_KEYS.has(value) || (value.startsWith('case:') && value.length > 5);
}

/**
 * Reads `info-items="desired-time, type, case:order"` from HTML: comma-separated keys, spaces
 * ignored. Unknown keys are dropped rather than misread as form fields; a missing attribute means
 * the default order. Shared by every element that shows callback information.
 */
export const infoItemsConverter: ComplexAttributeConverter<CallbackInfoKey[]> = {
  fromAttribute: (value: string | null): CallbackInfoKey[] =>
    value === null
      ? [...DEFAULT_CALLBACK_INFO]
      : value
          .split(',')
          .map((s) => s.trim())
          .filter(isCallbackInfoKey),
  toAttribute: (value: CallbackInfoKey[]) => value.join(','),
};
