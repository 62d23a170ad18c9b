import type { ComplexAttributeConverter } from 'lit';
import type { CallbackInfoKey } from '../../model/callback-info.js';

/** The parts of the web-callback preview an administrator can show, hide and order. */
export type PreviewRegion =
  | 'case-information'
  | 'actions'
  | 'callback-information'
  | 'contact'
  | 'responses'
  | 'disposition'
  | 'note'
  | 'history';

export const PREVIEW_REGIONS: readonly PreviewRegion[] = [
  'case-information',
  'actions',
  'callback-information',
  'contact',
  'responses',
  'disposition',
  'note',
  'history',
];

/** Workspace's order: what the contact asked, what to do, the callback, who, what to say, wrap-up. */
export const DEFAULT_PREVIEW_REGIONS: readonly PreviewRegion[] = PREVIEW_REGIONS;

/** The web items of Callback Information (eServices: Subject, PhoneNumber, Type, ScheduledDate, LocalTime, FormerAttempts, Result). */
export const DEFAULT_WEB_CALLBACK_INFO: readonly CallbackInfoKey[] = [
  'subject',
  'number',
  'type',
  'desired-time',
  'contact-local-time',
  'former-attempts',
  'last-result',
];

/** Case Information: the number and what the contact typed into the web form. */
export const CASE_INFORMATION_ITEMS: readonly CallbackInfoKey[] = ['number', 'case:*'];

const isRegion = (value: string): value is PreviewRegion => (PREVIEW_REGIONS as readonly string[]).includes(value);

/** `regions="actions, case-information, note"`: known names, first occurrence kept; missing = default. */
export const regionsConverter: ComplexAttributeConverter<PreviewRegion[]> = {
  fromAttribute: (value: string | null): PreviewRegion[] =>
    value === null
      ? [...DEFAULT_PREVIEW_REGIONS]
      : [
          ...new Set(
            value
              .split(',')
              .map((s) => s.trim())
              .filter(isRegion),
          ),
        ],
  toAttribute: (value: PreviewRegion[]) => value.join(','),
};
