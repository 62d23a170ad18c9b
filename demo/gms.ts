// GMS mode: the elements on the GMS adapter, against the contract server of tests/gms-server
// (started by `npm run demo:gms`; its URL is served at /__gms-url).
import '../src/callback-provider.js';
import '../src/callback-notification.js';
import '../src/callback-info.js';
import '../src/callback-scheduler.js';
import '../src/case-history.js';
import { GmsCallbackAdapter } from '../src/adapters/gms/index.js';

const SERVICE = 'contract-callback';
const base = (await (await fetch('/__gms-url')).text()).trim();
const gms = new GmsCallbackAdapter({ baseUrl: base, service: SERVICE });
document.querySelector('callback-provider')!.callbackAdapter = gms;

const status = document.getElementById('status')!;
const stored = document.getElementById('stored')!;

interface StoredCallback {
  _id: string;
  _customer_number: string;
  _desired_time?: string;
  _callback_state: string;
}

async function refresh(): Promise<void> {
  const list = (await (await fetch(`${base}/__control/callbacks`)).json()) as StoredCallback[];
  stored.replaceChildren(
    ...list.map((cb) => {
      const li = document.createElement('li');
      li.textContent = `${cb._id} · ${cb._customer_number} · ${cb._callback_state} · ${cb._desired_time ?? 'asap'} `;
      if (cb._callback_state !== 'COMPLETED') {
        const route = document.createElement('button');
        route.type = 'button';
        route.textContent = 'Route to me';
        route.addEventListener('click', async () => {
          const data = (await (await fetch(`${base}/__control/route/${encodeURIComponent(cb._id)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as Record<string, string>;
          gms.ingest(data);
        });
        li.append(route);
      }
      return li;
    }),
  );
}

document.getElementById('create')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  const [firstname, ...rest] = String(form.get('name')).split(' ');
  try {
    const id = await gms.create({ number: String(form.get('number')), data: { firstname: firstname ?? '', lastname: rest.join(' ') } });
    status.textContent = `GMS stored callback ${id}.`;
  } catch (error) {
    status.textContent = `GMS refused it: ${(error as Error).message}`;
  }
  await refresh();
});

const windowEl = document.getElementById('window')!;
document.addEventListener('callback-accepted', (event) => {
  const id = (event as CustomEvent<{ interaction: { id: string } }>).detail.interaction.id;
  for (const el of windowEl.querySelectorAll('callback-info, callback-scheduler, case-history')) el.setAttribute('interaction-id', id);
  windowEl.hidden = false;
});
document.addEventListener('callback-action-done', () => void refresh());
gms.onInteraction(() => void refresh());
await refresh();
document.body.dataset.ready = 'true';
