import type { DispositionNode } from '../../model/interaction.js';

/**
 * Disposition codes as `<disposition-picker>` shows them: leaves (the codes) with their folder
 * path, a search that keeps matching codes and the folders leading to them, and the rows of the
 * tree a keyboard moves through. Folders are grouping only, never codes (see `findDisposition`).
 */

export interface DispositionLeaf {
  code: string;
  label: string;
  /** Labels of the folders above the code, outermost first. */
  path: readonly string[];
}

export const isFolder = (node: DispositionNode): boolean => !!node.children?.length;

/** Every code of the tree in display order, with its folder path. */
export function dispositionLeaves(nodes: readonly DispositionNode[], path: readonly string[] = []): DispositionLeaf[] {
  return nodes.flatMap((node) =>
    isFolder(node) ? dispositionLeaves(node.children!, [...path, node.label]) : [{ code: node.code, label: node.label, path }],
  );
}

/** Lower case without accents, so "resolu" finds "Résolu". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** The codes whose label or code contains `query`, inside the folders that lead to them. */
export function filterDispositions(nodes: readonly DispositionNode[], query: string): readonly DispositionNode[] {
  const q = fold(query.trim());
  if (!q) return nodes;
  const keep = (list: readonly DispositionNode[]): DispositionNode[] =>
    list.flatMap((node) => {
      if (!isFolder(node)) return fold(node.label).includes(q) || fold(node.code).includes(q) ? [node] : [];
      const children = keep(node.children!);
      return children.length ? [{ ...node, children }] : [];
    });
  return keep(nodes);
}

/** The folders above `code`, outermost first; empty when the code is not in the tree. */
export function ancestorsOf(nodes: readonly DispositionNode[], code: string): string[] {
  for (const node of nodes) {
    if (!isFolder(node)) continue;
    if (node.children!.some((child) => child.code === code && !isFolder(child))) return [node.code];
    const below = ancestorsOf(node.children!, code);
    if (below.length) return [node.code, ...below];
  }
  return [];
}

/** One visible row of the tree. */
export interface TreeRow {
  node: DispositionNode;
  folder: boolean;
  expanded: boolean;
  /** The folder the row is in, when any. */
  parent: string | undefined;
}

/** The rows a person sees, top to bottom: children of collapsed folders are not rows. */
export function visibleRows(
  nodes: readonly DispositionNode[],
  isExpanded: (code: string) => boolean,
  parent?: string,
): TreeRow[] {
  return nodes.flatMap((node) => {
    const folder = isFolder(node);
    const expanded = folder && isExpanded(node.code);
    const row: TreeRow = { node, folder, expanded, parent };
    return expanded ? [row, ...visibleRows(node.children!, isExpanded, node.code)] : [row];
  });
}

/** What a key pressed on a tree row asks for (APG tree view pattern, single selection). */
export type TreeCommand =
  | { kind: 'focus'; code: string }
  | { kind: 'expand'; code: string }
  | { kind: 'collapse'; code: string }
  | { kind: 'pick'; code: string };

/**
 * Right: open a closed folder, or go to the first code of an open one. Left: close an open folder,
 * or go to the folder above (the picker mirrors both right to left). Enter/Space: pick a code, open
 * or close a folder. A letter: the next row starting with it. Down/Up/Home/End are the picker's
 * roving focus controller's.
 */
export function treeCommand(key: string, rows: readonly TreeRow[], active: string): TreeCommand | undefined {
  const index = rows.findIndex((r) => r.node.code === active);
  const row = rows[index];
  if (!row) return rows[0] ? { kind: 'focus', code: rows[0].node.code } : undefined;
  const focus = (r: TreeRow | undefined): TreeCommand | undefined => (r ? { kind: 'focus', code: r.node.code } : undefined);
  switch (key) {
    case 'ArrowRight':
      if (!row.folder) return undefined;
      return row.expanded ? focus(rows[index + 1]) : { kind: 'expand', code: row.node.code };
    case 'ArrowLeft':
      if (row.folder && row.expanded) return { kind: 'collapse', code: row.node.code };
      return row.parent ? { kind: 'focus', code: row.parent } : undefined;
    case 'Enter':
    case ' ':
      if (!row.folder) return { kind: 'pick', code: row.node.code };
      return { kind: row.expanded ? 'collapse' : 'expand', code: row.node.code };
    default: {
      if (key.length !== 1 || !/\S/.test(key)) return undefined;
      const letter = fold(key);
      const order = [...rows.slice(index + 1), ...rows.slice(0, index + 1)];
      return focus(order.find((r) => fold(r.node.label).startsWith(letter)));
    }
  }
}
