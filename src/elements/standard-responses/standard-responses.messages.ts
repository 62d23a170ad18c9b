import { msg, str } from '@lit/localize';
import type { ResponseQuery } from '../../adapters/directory-adapter.js';

/** Localized words of `<standard-responses>`. */

export function responseCountLabel(count: number, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(count);
  return count === 1 ? msg('1 response', { id: 'responses.one' }) : msg(str`${n} responses`, { id: 'responses.count' });
}

/** What the agent sees when a search finds nothing, naming what they asked for. */
export function noResponsesLabel(query: ResponseQuery): string {
  const { text, category } = query;
  if (text && category) return msg(str`No responses in ${category} match “${text}”.`, { id: 'responses.none-text-category' });
  if (text) return msg(str`No responses match “${text}”.`, { id: 'responses.none-text' });
  if (category) return msg(str`No responses in ${category}.`, { id: 'responses.none-category' });
  return msg('The library has no responses.', { id: 'responses.none' });
}

export function shownAnnouncement(title: string): string {
  return msg(str`Showing ${title}.`, { id: 'responses.shown' });
}
