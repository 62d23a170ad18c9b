// The single-file build (dist/single/callback-elements.js, `npm run build:single`) as a host that
// can copy only one file uses it: one script and one tag, and nothing else fetched. `npm test`
// builds it after its Node step; run `npm run build && npm run build:single` first when running
// this file alone.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deepQuery } from '../helpers/deep.js';

const single = '/dist/single/callback-elements.js';

describe('single-file build', () => {
  it('one file: every element is there, the simulated desk offers a callback, the agent accepts it, and no other script is fetched', async () => {
    const head = await fetch(single, { method: 'HEAD' });
    if (!head.ok) throw new Error(`${single} is not built: run \`npm run build:single\` first`);
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/tests/bundle/single-file.html" style="width:1000px;height:800px" title="single file"></iframe>`);
    const win = () => frame.contentWindow!;
    await waitUntil(() => win().customElements?.get('callback-desk') !== undefined, 'the file did not define callback-desk', { timeout: 8000 });
    const tags = ['callback-provider', 'callback-notification', 'agent-status', 'interaction-window', 'callback-preview', 'call-actions', 'disposition-picker', 'team-communicator', 'callback-scheduler', 'dtmf-keypad', 'contact-directory', 'standard-responses'];
    await waitUntil(() => tags.every((tag) => win().customElements.get(tag) !== undefined), `not all of ${tags.join(', ')} were defined`, { timeout: 8000 });
    const doc = frame.contentDocument!;
    const desk = doc.querySelector('callback-desk')!;
    const send = () => desk.shadowRoot!.querySelector<HTMLButtonElement>('[part="simulator-send"]');
    await waitUntil(() => send() !== null, 'the simulated desk never showed its Send offer button', { timeout: 5000 });
    send()!.click();
    const acceptButton = () => [...(deepQuery(doc, 'callback-notification')?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => /Accept/.test(b.textContent ?? ''));
    await waitUntil(() => acceptButton() !== undefined, 'no offer shown', { timeout: 5000 });
    acceptButton()!.click();
    await waitUntil(() => deepQuery(doc, 'interaction-window') !== null, 'accepting did not open the interaction window', { timeout: 5000 });
    // The number shows formatted: the phone metadata is inside the file too.
    await waitUntil(() => /\+\d{1,3} \d/.test(deepQuery(doc, 'call-status')?.shadowRoot?.textContent ?? ''), 'the number is not shown formatted', { timeout: 5000 });
    const scripts = win()
      .performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      // The test server's own script, which it puts in every page it serves, is not the page's.
      .filter((path) => path.endsWith('.js') && !path.startsWith('/__web-dev-server'));
    expect(scripts).to.deep.equal([single]);
  });

  it('the adapters are in the same file, with one AdapterError class', async () => {
    const mod = (await import(/* @vite-ignore */ single)) as Record<string, unknown>;
    for (const name of ['GmsCallbackAdapter', 'GenesysCloudCallbackAdapter', 'WorkspaceTelephonyAdapter', 'PhoneCallbackAdapter', 'SipTelephonyAdapter', 'SimulatedContactCenter', 'CallbackDesk', 'AdapterError']) {
      expect(typeof mod[name], name).to.equal('function');
    }
    type Options = { baseUrl: string; service: string; retry: { attempts: number }; fetch: typeof fetch };
    const Gms = mod['GmsCallbackAdapter'] as new (options: Options) => { cancel(id: string): Promise<void> };
    const gms = new Gms({ baseUrl: 'http://gms.invalid', service: 'none', retry: { attempts: 0 }, fetch: () => Promise.resolve(new Response('{"message":"Callback not found"}', { status: 404 })) });
    const error = await gms.cancel('missing').then(() => null, (e: unknown) => e);
    expect(error instanceof (mod['AdapterError'] as new () => Error), `got ${String(error)}`).to.equal(true);
    const all = (await mod['ready']) as Record<string, unknown>;
    expect(all['AdapterError']).to.equal(mod['AdapterError']);
  });
});
