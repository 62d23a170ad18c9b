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

let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Announces a message politely. The region is cleared first and filled on the next task, so the
 * same message twice in a row is read twice.
 */
export function announce(message: string, doc: Document = document): void {
  const el = region(doc);
  el.textContent = '';
  if (pending !== undefined) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = undefined;
    el.textContent = message;
  }, 50);
}

/** Current text of the live region (for tests and debugging). */
export function announcement(doc: Document = document): string {
  return doc.getElementById(REGION_ID)?.textContent ?? '';
}
