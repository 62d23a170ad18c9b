import type { CallbackAdapter } from '../../adapters/callback-adapter.js';

/** What the registry knows of a wrap-up (see `WrapUp`). */
export interface KeptWrapUp {
  readonly keepsWindow: boolean;
}

/**
 * A `change` event whenever a wrap-up starts or stops keeping its window. Light on purpose: a desk
 * asks which windows to keep without loading the wrap-up itself.
 */
export const keptWindowChanges = new EventTarget();

const registries = new WeakMap<CallbackAdapter, Map<string, KeptWrapUp>>();

/** The wrap-ups of `adapter`'s interactions by interaction id, while an element shows them or their window is kept. */
export function wrapUps(adapter: CallbackAdapter): Map<string, KeptWrapUp> {
  let registry = registries.get(adapter);
  if (!registry) registries.set(adapter, (registry = new Map()));
  return registry;
}
