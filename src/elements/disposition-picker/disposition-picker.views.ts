import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DispositionNode } from '../../model/interaction.js';
import { dispositionLeaves, isFolder } from './disposition-picker.tree.js';

/** The two displays of `<disposition-picker>`: what they show, not what picking does. */

/** Every code as one native radio group, with its folder path. Native `input` stays inside. */
export function renderCodeList(codes: readonly DispositionNode[], value: string, required: boolean, onPick: (code: string) => void) {
  return html`<div
    part="options"
    class="list"
    role="radiogroup"
    aria-labelledby="label"
    aria-required=${required ? 'true' : 'false'}
    @input=${(e: Event) => e.stopPropagation()}
  >
    ${dispositionLeaves(codes).map(
      (leaf) => html`<label class="option">
        <input type="radio" name="disposition" value=${leaf.code} .checked=${live(leaf.code === value)} @change=${() => onPick(leaf.code)} />
        <span class="option-label">${leaf.label}</span>
        ${leaf.path.length ? html`<span class="path">${leaf.path.join(' › ')}</span>` : nothing}
      </label>`,
    )}
  </div>`;
}

export interface TreeView {
  /** The one row in the tab order (roving tabindex). */
  active: string | undefined;
  value: string;
  isExpanded: (code: string) => boolean;
  onActivate: (node: DispositionNode) => void;
}

/** `treeitem`s of an ARIA tree; the children of a closed folder are not rendered. */
export function renderTreeNodes(nodes: readonly DispositionNode[], view: TreeView): TemplateResult[] {
  return nodes.map((node) => {
    const folder = isFolder(node);
    const expanded = folder && view.isExpanded(node.code);
    const selected = !folder && node.code === view.value;
    const onClick = (e: Event) => {
      e.stopPropagation();
      view.onActivate(node);
    };
    return html`<li
      role="treeitem"
      data-code=${node.code}
      tabindex=${node.code === view.active ? 0 : -1}
      aria-expanded=${folder ? (expanded ? 'true' : 'false') : nothing}
      aria-selected=${folder ? nothing : selected ? 'true' : 'false'}
      @click=${onClick}
    >
      <span class="row ${folder ? 'folder' : 'code'}">
        <span class=${folder ? 'twisty' : 'check'} aria-hidden="true">${folder ? (expanded ? '▾' : '▸') : selected ? '✓' : ''}</span>
        <span>${node.label}</span>
      </span>
      ${expanded ? html`<ul role="group">${renderTreeNodes(node.children!, view)}</ul>` : nothing}
    </li>`;
  });
}
