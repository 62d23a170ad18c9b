import { waitUntil } from '@open-wc/testing';

/**
 * Drives a <callback-desk> rendered by a framework example the way an agent does: through the
 * buttons inside its shadow roots. It only knows the element's public parts, not the bundle's
 * classes (the example carries its own copy of the library).
 */
export class DeskDriver {
  constructor(readonly desk: HTMLElement) {}

  get #root(): ShadowRoot {
    return this.desk.shadowRoot!;
  }

  get notification(): ShadowRoot | null {
    return this.#root.querySelector('callback-notification')?.shadowRoot ?? null;
  }

  /** The open interaction's window (voice) or preview (web), on show. */
  get window(): ShadowRoot | null {
    return this.#root.querySelector('[part=window]:not([hidden]) > :is(interaction-window, callback-preview)')?.shadowRoot ?? null;
  }

  part(tag: string): ShadowRoot | null {
    return this.window?.querySelector(tag)?.shadowRoot ?? null;
  }

  actionButton(action: string): HTMLButtonElement | null {
    return this.part('call-actions')?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
  }

  async waitForOffer(): Promise<void> {
    await waitUntil(() => this.notification?.querySelector('button.accept'), 'the offer is shown');
  }

  clickAccept(): void {
    this.notification!.querySelector<HTMLButtonElement>('button.accept')!.click();
  }

  async waitForWindow(): Promise<void> {
    await waitUntil(() => this.actionButton('mark-done'), 'the interaction window is open');
  }

  async act(action: string): Promise<void> {
    await waitUntil(() => this.actionButton(action)?.getAttribute('aria-disabled') === 'false', `${action} is enabled`);
    this.actionButton(action)!.click();
  }

  /** Picks the first disposition of the list; returns its label as the agent reads it. */
  async chooseDisposition(): Promise<string> {
    await waitUntil(() => this.part('disposition-picker')?.querySelector('input[type=radio]'), 'the disposition list');
    const radio = this.part('disposition-picker')!.querySelector<HTMLInputElement>('input[type=radio]')!;
    radio.click();
    return radio.closest('label')!.querySelector('.option-label')!.textContent!.trim();
  }
}
