import type { ComplexAttributeConverter } from 'lit';
import { msg } from '@lit/localize';
import { parseShortcuts } from '../shared/key-shortcuts.js';

export { isEditable, matchesShortcut, normalizeShortcut, typesText } from '../shared/key-shortcuts.js';

/** The preview's keyboard shortcuts, in `aria-keyshortcuts` syntax (`Alt+Shift+C`); empty = none. */
export interface PreviewShortcuts {
  /** Call the contact. */
  call?: string;
  /** Mark the interaction done. */
  done?: string;
}

export const DEFAULT_SHORTCUTS: Readonly<Required<PreviewShortcuts>> = Object.freeze({ call: 'Alt+Shift+C', done: 'Alt+Shift+D' });

const NAMES = ['call', 'done'] as const;

/**
 * `shortcuts="call=Alt+Shift+C,done=Alt+Shift+D"`: name=keys pairs (`call: Alt+Shift+C; done: …`
 * reads the same). A missing attribute means the defaults, an empty one no shortcuts, `call=` none
 * for that action; unknown names are ignored.
 */
export const shortcutsConverter: ComplexAttributeConverter<PreviewShortcuts> = {
  fromAttribute(value: string | null): PreviewShortcuts {
    return value === null ? { ...DEFAULT_SHORTCUTS } : parseShortcuts(value, NAMES);
  },
  toAttribute: (value: PreviewShortcuts) =>
    NAMES.flatMap((name) => (value[name] ? [`${name}=${value[name]}`] : [])).join(','),
};

/** The shortcut as the keys are printed on the agent's keyboard (Shift is "Mayús" in Spanish). */
export function shortcutLabel(shortcut: string): string {
  return shortcut
    .split('+')
    .map((key) => (key === 'Shift' ? msg('Shift', { id: 'key.shift', desc: 'The Shift key, as printed on keyboards.' }) : key))
    .join('+');
}
