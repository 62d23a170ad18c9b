// The drop-in bundle's second step (src/bundle.ts fetches this as its entry runs): every element
// that is not needed to show or accept an offer, registered one at a time with a yield to the
// browser between them, so that no task of the page's load runs long (issue 22: none over 50 ms on
// a slow agent PC). Defining a tag upgrades its elements already in the page and renders them in
// that same task; an offer, a click on Accept or a key press waits for one element, not for all.
// Only the classes are imported here: the registration entries (src/<tag>.ts) define at once.
import { AgentStatus } from './agent-status/agent-status.js';
import { UnsentWork } from './unsent-work/unsent-work.js';
import { InteractionWindow } from './interaction-window/interaction-window.js';
import { CallbackPreview } from './callback-preview/callback-preview.js';
import { CallbackInfo } from './callback-info/callback-info.js';
import { CallStatus } from './call-status/call-status.js';
import { CallActions } from './call-actions/call-actions.js';
import { InteractionNote } from './interaction-note/interaction-note.js';
import { DispositionPicker } from './disposition-picker/disposition-picker.js';
import { CaseHistory } from './case-history/case-history.js';
import { ContactDirectory } from './contact-directory/contact-directory.js';
import { StandardResponses } from './standard-responses/standard-responses.js';
import { defineAllPanelElements } from './call-actions/call-actions.panel-elements.js';

/**
 * In the order an agent sees them: the status bar above the offers, then a window and what it
 * composes. Not here: the elements of `<call-actions>`'s popups (the team communicator, the DTMF
 * keypad, the reschedule form), a chunk of their own that the first popup to need one fetches, and
 * `ready` fetches after these (src/elements/call-actions/call-actions.panel-elements.ts).
 */
const elements: [string, CustomElementConstructor][] = [
  ['agent-status', AgentStatus],
  ['unsent-work', UnsentWork],
  ['interaction-window', InteractionWindow],
  ['callback-preview', CallbackPreview],
  ['callback-info', CallbackInfo],
  ['call-status', CallStatus],
  ['call-actions', CallActions],
  ['interaction-note', InteractionNote],
  ['disposition-picker', DispositionPicker],
  ['case-history', CaseHistory],
  ['contact-directory', ContactDirectory],
  ['standard-responses', StandardResponses],
];

/** A new task: `scheduler.yield()` where there is one (it runs before other queued work), else a message. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Every export of the library (src/core.ts), once every element above is defined (a tag already
 * defined, by another copy, is left as it is). Imported from here, not from the entry, so that the
 * bundle keeps these elements in this chunk and core.ts's own chunk is only what they do not share.
 */
export const ready: Promise<typeof import('../core.js')> = (async () => {
  for (const [tag, element] of elements) {
    await nextTask();
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
  await defineAllPanelElements();
  return import('../core.js');
})();
