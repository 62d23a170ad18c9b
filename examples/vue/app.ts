// A tiny Vue 3 agent app around <callback-desk>, with render functions (no template compiler, so
// it also runs under a strict CSP). Vue sets a prop on a custom element as a property when the
// element has that property, so adapters and the policy object arrive as objects; `onCallbackDone`
// listens to `callback-done`.
import { createApp, defineComponent, h, ref, type PropType } from 'vue';
import 'callback-elements/callback-desk.js';
import type { CallbackDesk } from 'callback-elements/callback-desk.js';
import type { CallbackDoneEvent } from 'callback-elements/call-actions.js';
import type { CallbackAcceptedEvent, CallbackErrorEvent } from 'callback-elements/callback-notification.js';
import { SimulatedContactCenter } from 'callback-elements/adapters/simulated.js';

interface DoneEntry {
  id: string;
  contact: string;
  disposition: string;
}

export const AgentApp = defineComponent({
  name: 'AgentApp',
  props: {
    // Props are shallowly reactive, so the element gets the adapter itself. Never put an adapter
    // in ref()/reactive(): a deep proxy breaks its private fields (use markRaw or shallowRef).
    contactCenter: { type: Object as PropType<SimulatedContactCenter>, required: true },
  },
  setup(props) {
    const accepted = ref<string>();
    const done = ref<DoneEntry[]>([]);
    const error = ref<string>();
    // Typed against the element, so a misspelt or mistyped property fails the type-check.
    const deskProperties = {
      callbackAdapter: props.contactCenter,
      telephonyAdapter: props.contactCenter,
      directoryAdapter: props.contactCenter,
      policy: { dispositionMandatory: true },
      dispositionMode: 'list',
    } satisfies Partial<CallbackDesk>;

    return () =>
      h('main', [
        h('h1', 'Callbacks (Vue 3)'),
        h('p', [
          h('button', { type: 'button', class: 'send-offer', onClick: () => void props.contactCenter.offer('immediate') }, 'Simulate an offer'),
        ]),
        h('p', { class: 'accepted', role: 'status' }, accepted.value ? `Accepted: ${accepted.value}` : 'No callback accepted yet'),
        error.value ? h('p', { class: 'error', role: 'alert' }, error.value) : null,
        h('callback-desk', {
          ...deskProperties,
          onCallbackAccepted: (event: CallbackAcceptedEvent) => {
            accepted.value = event.detail.interaction.contact.name;
            error.value = undefined;
          },
          onCallbackDone: (event: CallbackDoneEvent) => {
            const { interaction, disposition } = event.detail;
            done.value.push({ id: interaction.id, contact: interaction.contact.name, disposition: disposition?.label ?? '—' });
          },
          onCallbackError: (event: CallbackErrorEvent) => {
            error.value = event.detail.message;
          },
        }),
        h('h2', 'Done'),
        h(
          'ol',
          { class: 'done-log' },
          done.value.map((entry) => h('li', { key: entry.id }, `${entry.contact}: ${entry.disposition}`)),
        ),
      ]);
  },
});

/** Mounts the app on `container`; `unmount()` removes it (and the desk with it). */
export function mountAgentApp(container: Element, contactCenter = new SimulatedContactCenter()) {
  const app = createApp(AgentApp, { contactCenter });
  app.mount(container);
  return { contactCenter, unmount: () => app.unmount() };
}
