/**
 * The one polite live region of the library. It lives in the page's light DOM (screen readers
 * follow live regions inside shadow roots unreliably), is visually hidden, and never takes focus.
 * Several copies of the library on one page share it through its id.
 */
const REGION_ID = 'callback-elements-announcer';

function region(doc: Document): HTMLElement {
  let el = doc.getElementById(REGION_ID);
  if (!el) {
    el = doc.createElement('div');
    el.id = REGION_ID;
    el.setAttribute('role', 'status');
    el.setAttribute('aria-live', 'polite');
    el.setAttribute('aria-atomic', 'true');
    Object.assign(el.style, {
      position: 'fixed',
      insetBlockStart: '0',
      insetInlineStart: '0',
      width: '1px',
      height: '1px',
      margin: '-1px',
      padding: '0',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      clipPath: 'inset(50%)',
      whiteSpace: 'nowrap',
      border: '0',
    });
    doc.body.append(el);
  }
  return el;
}

// A repeated message gets a no-break space added or removed at its end: the text changes, so a
// screen reader reads it again, and it is set at once (no clear-then-fill timer, which delayed
// every announcement by a task and left a timer to clean up).
const REPEAT_MARK = '\u00a0';

/** Announces a message politely, at once. The same message twice in a row is read twice. */
export function announce(message: string, doc: Document = document): void {
  const el = region(doc);
  const current = el.textContent ?? '';
  el.textContent = current === message ? message + REPEAT_MARK : message;
}

/** Current text of the live region (for tests and debugging), without the repeat mark. */
export function announcement(doc: Document = document): string {
  const text = doc.getElementById(REGION_ID)?.textContent ?? '';
  return text.endsWith(REPEAT_MARK) ? text.slice(0, -REPEAT_MARK.length) : text;
}
