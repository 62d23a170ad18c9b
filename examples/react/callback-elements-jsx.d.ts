// JSX types for the library's tags in React 19, derived from the library's own declarations:
// each tag's element class (its `HTMLElementTagNameMap` entry) gives the properties, and its
// `HTMLElementEventMap` entries give the `on<event-name>` props that React 19 turns into
// `addEventListener('<event-name>', …)` on a custom element. Copy this file into a React app;
// it follows the library's types as they change, with no list to keep up to date.
import type { LitElement } from 'lit';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
// Brings the tags' HTMLElementTagNameMap and HTMLElementEventMap entries into the program.
import type {} from 'callback-elements/callback-desk.js';

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;

/** Keys a page may assign: no methods, no getter-only state such as `offer` or `ringing`. */
type SettableKeys<E> = {
  [K in keyof E]-?: E[K] extends (...args: never[]) => unknown
    ? never
    : IfEquals<{ [Q in K]: E[K] }, { -readonly [Q in K]: E[K] }, K, never>;
}[keyof E];

/** The element's own properties, which React 19 sets as properties (objects and booleans included). */
export type ElementProperties<E extends LitElement> = {
  [K in SettableKeys<Omit<E, keyof LitElement>>]?: E[K & keyof E];
};

/** `oncallback-accepted={(e) => …}` and the rest: every event the library declares (its events are CustomEvents). */
export type LibraryEventProps = {
  [K in keyof HTMLElementEventMap as HTMLElementEventMap[K] extends CustomEvent<unknown> ? `on${K}` : never]?: (
    event: HTMLElementEventMap[K],
  ) => void;
};

/** The library's tags: the entries of HTMLElementTagNameMap whose element is a lit element. */
type LibraryTags = {
  [T in keyof HTMLElementTagNameMap as HTMLElementTagNameMap[T] extends LitElement ? T : never]: ElementProperties<
    HTMLElementTagNameMap[T] & LitElement
  > &
    LibraryEventProps &
    DetailedHTMLProps<HTMLAttributes<HTMLElementTagNameMap[T]>, HTMLElementTagNameMap[T]>;
};

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends LibraryTags {}
  }
}
