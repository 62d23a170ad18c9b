// The drop-in bundle as a static page uses it: the built files from dist/bundle/, no import map, no
// bare specifiers. `npm test` builds dist/ in its Node step (tests/node/build.test.mjs) before these
// run; run `npm run build` first when running this file alone.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deepQuery } from '../helpers/deep.js';

type BundleModule = Record<string, unknown> & { AdapterError: new (...args: never[]) => Error };

const bundle = '/dist/bundle/callback-elements.bundle.js';
const load = (path: string) => import(/* @vite-ignore */ path) as Promise<BundleModule>;

async function built(path: string): Promise<void> {
  const response = await fetch(path, { method: 'HEAD' });
  if (!response.ok) throw new Error(`${path} is not built: run \`npm run build\` first`);
}

describe('drop-in bundle', () => {
  it('one <script type="module"> and one tag: the simulated desk offers a callback and the agent accepts it', async () => {
    await built(bundle);
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/tests/bundle/drop-in.html" style="width:1000px;height:800px" title="drop-in"></iframe>`);
    await waitUntil(() => frame.contentWindow?.customElements.get('callback-desk') !== undefined, 'the bundle did not define callback-desk', { timeout: 8000 });
    const doc = frame.contentDocument!;
    const desk = doc.querySelector('callback-desk') as HTMLElement & { updateComplete: Promise<boolean> };
    await desk.updateComplete;
    // What shows an offer is registered with the entry; every other element the desk composes
    // (<agent-status> first) arrives with the chunk the entry fetches at once, without anything else on the page.
    for (const tag of ['callback-notification', 'callback-provider']) {
      expect(frame.contentWindow!.customElements.get(tag) !== undefined, `${tag} defined with the entry`).to.equal(true);
    }
    const later = ['agent-status', 'interaction-window', 'callback-preview', 'call-actions', 'disposition-picker', 'team-communicator', 'callback-scheduler', 'dtmf-keypad'];
    await waitUntil(() => later.every((tag) => frame.contentWindow!.customElements.get(tag) !== undefined), `not all of ${later.join(', ')} were defined`, {
      timeout: 8000,
    });
    // The desk's own simulator bar (part="simulator-send") sends its default scenario. It shows once
    // the simulated contact center, a lazy chunk of the bundle, has loaded.
    const send = () => desk.shadowRoot!.querySelector<HTMLButtonElement>('[part="simulator-send"]');
    await waitUntil(() => send() !== null, 'the simulated desk never showed its Send offer button', { timeout: 5000 });
    send()!.click();
    const acceptButton = () =>
      [...(deepQuery(doc, 'callback-notification')?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => /Accept/.test(b.textContent ?? ''));
    await waitUntil(() => acceptButton() !== undefined, 'no offer shown', { timeout: 5000 });
    acceptButton()!.click();
    await waitUntil(() => deepQuery(doc, 'interaction-window') !== null, 'accepting did not open the interaction window', { timeout: 5000 });
  });

  it('the adapter entries beside it share its classes: an AdapterError from the GMS entry is the bundle\'s AdapterError', async () => {
    await built(bundle);
    const main = await load(bundle);
    for (const name of ['gms', 'phone', 'sipjs']) {
      const path = `/dist/bundle/adapters/${name}.bundle.js`;
      await built(path);
      const adapter = await load(path);
      expect(Object.keys(adapter).length, `${name} entry exports`).to.be.greaterThan(0);
    }
    const gms = await load('/dist/bundle/adapters/gms.bundle.js');
    type Options = { baseUrl: string; service: string; retry: { attempts: number }; fetch: typeof fetch };
    const Gms = gms['GmsCallbackAdapter'] as new (options: Options) => unknown;
    expect(typeof Gms).to.equal('function');
    // A GMS error from the adapter entry is an instance of the main entry's AdapterError: one class,
    // from the shared chunk, so `instanceof` checks in a host page hold across the two scripts.
    const instance = new Gms({ baseUrl: 'http://gms.invalid', service: 'none', retry: { attempts: 0 }, fetch: () => Promise.resolve(new Response('{"message":"Callback not found"}', { status: 404 })) }) as unknown as {
      cancel(id: string): Promise<void>;
    };
    const error = await instance.cancel('missing').then(() => null, (e: unknown) => e);
    expect(error instanceof main.AdapterError, `got ${String(error)}`).to.equal(true);
    // The rest of the library, through `ready`: every element class, registered.
    const all = (await main['ready']) as Record<string, unknown>;
    for (const name of ['AgentStatus', 'AgentStateChangeEvent', 'CallActions', 'InteractionWindow', 'CallbackPreview', 'TeamCommunicator', 'ManualClock', 'validatePhoneNumber']) {
      expect(typeof all[name], `${name} from ready`).to.equal('function');
    }
    expect(all['AdapterError'], 'one AdapterError class').to.equal(main.AdapterError);
    expect(customElements.get('call-actions'), 'registered by ready').to.equal(all['CallActions']);
    expect(customElements.get('agent-status'), 'registered by ready').to.equal(all['AgentStatus']);
    // The popups' elements, a chunk that the first popup to need one fetches: defined by `ready` too.
    for (const [tag, name] of [['team-communicator', 'TeamCommunicator'], ['dtmf-keypad', 'DtmfKeypad'], ['callback-scheduler', 'CallbackScheduler']]) {
      expect(customElements.get(tag!), `${tag} registered by ready`).to.equal(all[name!]);
    }
    const sip = await load('/dist/bundle/adapters/sipjs.bundle.js');
    expect(typeof sip['SipTelephonyAdapter']).to.equal('function');
    expect(typeof main['AdapterError']).to.equal('function');
  });
});
