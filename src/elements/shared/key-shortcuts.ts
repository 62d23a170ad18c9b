/**
 * Keyboard shortcuts in `aria-keyshortcuts` syntax (`Alt+Shift+C`): parsing a configuration
 * attribute, matching a key press. Shared by the preview's Call/Done and the offer's
 * Accept/Reject/move-to shortcuts.
 */

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

/** Whether a key press there types text (a field, a text area, an editable region). */
export const isEditable = (node: EventTarget | undefined): boolean =>
  node instanceof HTMLElement && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));

/**
 * `call=Alt+Shift+C, done=Alt+Shift+D` (or `call: Alt+Shift+C; done: Alt+Shift+D`): name and keys
 * per entry, entries apart by `,` or `;`. Keys are normalized; `name=` (or unusable keys) gives
 * '' for that name; unknown names are ignored.
 */
export function parseShortcuts<Name extends string>(value: string, names: readonly Name[]): Partial<Record<Name, string>> {
  const shortcuts: Partial<Record<Name, string>> = {};
  for (const entry of value.split(/[,;]/)) {
    const match = /^\s*([\w-]+)\s*[=:]\s*(.*?)\s*$/.exec(entry);
    const name = match?.[1] as Name | undefined;
    if (name && names.includes(name)) shortcuts[name] = normalizeShortcut(match![2]);
  }
  return shortcuts;
}
