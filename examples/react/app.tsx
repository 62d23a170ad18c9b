// A tiny React 19 agent app around <callback-desk>. React 19 sets a custom element's props as
// properties when the element has that property (so adapters and the policy object arrive as
// objects, not strings) and turns `on<event-name>` props into event listeners.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'callback-elements/callback-desk.js';
import { SimulatedContactCenter } from 'callback-elements/adapters/simulated.js';
import type { Policy } from 'callback-elements/model.js';
// The JSX types of the library's tags (see that file).
import type {} from './callback-elements-jsx.js';

interface DoneEntry {
  id: string;
  contact: string;
  disposition: string;
}

// One object for the app's life: a new object on every render would make the desk re-render too.
const policy: Partial<Policy> = { dispositionMandatory: true };

export function AgentApp({ contactCenter }: { contactCenter: SimulatedContactCenter }) {
  const [accepted, setAccepted] = useState<string>();
  const [done, setDone] = useState<readonly DoneEntry[]>([]);
  const [error, setError] = useState<string>();

  return (
    <main>
      <h1>Callbacks (React 19)</h1>
      <p>
        <button type="button" className="send-offer" onClick={() => void contactCenter.offer('immediate')}>
          Simulate an offer
        </button>
      </p>
      <p className="accepted" role="status">
        {accepted ? `Accepted: ${accepted}` : 'No callback accepted yet'}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <callback-desk
        callbackAdapter={contactCenter}
        telephonyAdapter={contactCenter}
        directoryAdapter={contactCenter}
        policy={policy}
        dispositionMode="list"
        oncallback-accepted={(event) => {
          setAccepted(event.detail.interaction.contact.name);
          setError(undefined);
        }}
        oncallback-done={(event) => {
          const { interaction, disposition } = event.detail;
          setDone((list) => [...list, { id: interaction.id, contact: interaction.contact.name, disposition: disposition?.label ?? '—' }]);
        }}
        oncallback-error={(event) => setError(event.detail.message)}
      />
      <h2>Done</h2>
      <ol className="done-log">
        {done.map((entry) => (
          <li key={entry.id}>
            {entry.contact}: {entry.disposition}
          </li>
        ))}
      </ol>
    </main>
  );
}

/** Renders the app into `container`; `unmount()` removes it (and the desk with it). */
export function mountAgentApp(container: Element, contactCenter = new SimulatedContactCenter()) {
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <AgentApp contactCenter={contactCenter} />
    </StrictMode>,
  );
  return { contactCenter, unmount: () => root.unmount() };
}
