import type { ComplexAttributeConverter } from 'lit';
import { msg } from '@lit/localize';

/** The preview's keyboard shortcuts, in `aria-keyshortcuts` syntax (`Alt+Shift+C`); empty = none. */
export interface PreviewShortcuts {
  /** Call the contact. */
  call?: string;
  /** Mark the interaction done. */
  done?: string;
}

export const DEFAULT_SHORTCUTS: Readonly<Required<PreviewShortcuts>> = Object.freeze({ call: 'Alt+Shift+C', done: 'Alt+Shift+D' });

const NAMES = ['call', 'done'] as const;
type ShortcutName = (typeof NAMES)[number];

/**
 * `shortcuts="call=Alt+Shift+C,done=Alt+Shift+D"`: name=keys pairs. A missing attribute means the
 * defaults, an empty one no shortcuts, `call=` none for that action; unknown names are ignored.
 */
export const shortcutsConverter: ComplexAttributeConverter<PreviewShortcuts> = {
  fromAttribute(value: string | null): PreviewShortcuts {
    if (value === null) return { ...DEFAULT_SHORTCUTS };
    const shortcuts: PreviewShortcuts = {};
    for (const pair of value.split(',')) {
      const [name, keys = ''] = pair.split('=').map((s) => s.trim());
      if ((NAMES as readonly string[]).includes(name ?? '')) shortcuts[name as ShortcutName] = normalizeShortcut(keys);
    }
    return shortcuts;
  },
  toAttribute: (value: PreviewShortcuts) =>
    NAMES.flatMap((name) => (value[name] ? [`${name}=${value[name]}`] : [])).join(','),
};

const MODIFIER_ALIASES: Readonly<Partial<Record<string, string>>> = {
  ctrl: 'Control',
  control: 'Control',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  meta: 'Meta',
  cmd: 'Meta',
  command: 'Meta',
};
const MODIFIERS = ['Control', 'Alt', 'Shift', 'Meta'] as const;

/** The shortcut as the keys are printed on the agent's keyboard (Shift is "Mayús" in Spanish). */
export function shortcutLabel(shortcut: string): string {
  return shortcut
    .split('+')
    .map((key) => (key === 'Shift' ? msg('Shift', { id: 'key.shift', desc: 'The Shift key, as printed on keyboards.' }) : key))
    .join('+');
}

/** `ctrl+shift+x` → `Control+Shift+X` (the `aria-keyshortcuts` spelling); '' when unusable. */
export function normalizeShortcut(text: string | undefined): string {
  const tokens = (text ?? '').split('+').map((t) => t.trim()).filter(Boolean);
  const key = tokens.pop();
  if (!key || MODIFIER_ALIASES[key.toLowerCase()]) return '';
  const modifiers = new Set(tokens.map((t) => MODIFIER_ALIASES[t.toLowerCase()]));
  if (modifiers.has(undefined)) return '';
  return [...MODIFIERS.filter((m) => modifiers.has(m)), key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** Whether the key press is `shortcut`. Letters and digits match by physical key, so Alt (⌥) does not spoil them. */
export function matchesShortcut(event: KeyboardEvent, shortcut: string | undefined): boolean {
  const normalized = normalizeShortcut(shortcut);
  if (!normalized) return false;
  const tokens = normalized.split('+');
  const key = tokens.pop()!;
  const want = new Set(tokens);
  const pressed = { Control: event.ctrlKey, Alt: event.altKey, Shift: event.shiftKey, Meta: event.metaKey };
  if (MODIFIERS.some((m) => pressed[m] !== want.has(m))) return false;
  if (/^[A-Z]$/.test(key)) return event.code === `Key${key}`;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}`;
  return event.key.toLowerCase() === key.toLowerCase();
}

/** A shortcut without Control, Alt or Meta would eat what the agent types into a field. */
export function typesText(shortcut: string): boolean {
  return !/(^|\+)(Control|Alt|Meta)\+/.test(normalizeShortcut(shortcut));
}
