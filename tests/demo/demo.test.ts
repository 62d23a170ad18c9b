import { expect, fixture, html, waitUntil } from '@open-wc/testing';

/**
 * Loads demo/index.html as `npm start` serves it (the test server compiles TypeScript the same
 * way) and plays a scenario as a person would: offer, accept, hold, resume, end, mark done.
 */
describe('demo page', function () {
  // The demo's voice callbacks are placed to the customer after Accept, who answers after a few rings.
  this.timeout(30_000);
  it('plays a voice callback end to end from the scenario panel', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/index.html" style="width:1200px;height:900px" title="demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.querySelector('#scenarios button'), 'scenario buttons', { timeout: 8000 });
    const doc = frame.contentDocument!;
    const events = () => doc.getElementById('events')!.textContent!;
    const immediate = [...doc.querySelectorAll<HTMLButtonElement>('#scenarios button')].find((b) => b.textContent === 'Immediate voice callback');
    expect(immediate, 'Immediate voice callback button').to.not.equal(undefined);
    immediate!.click();
    const desk = doc.querySelector('callback-desk')!;
    const notification = () => desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification().shadowRoot?.querySelector('button.accept'), 'offer shown', { timeout: 5000 });
    notification().shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => events().includes('callback-accepted'), 'accepted', { timeout: 5000 });

    const window = () => desk.shadowRoot!.querySelector('interaction-window')?.shadowRoot ?? null;
    const actions = () => window()?.querySelector('call-actions')?.shadowRoot ?? null;
    const callState = () => window()?.querySelector('call-status')?.shadowRoot?.querySelector('[part=state]')?.textContent?.trim();
    await waitUntil(() => callState() === 'Connected', 'the customer answered', { timeout: 15000 });
    const act = async (action: string) => {
      await waitUntil(() => actions()?.querySelector(`[data-action="${action}"][aria-disabled="false"]`), `${action} enabled`, { timeout: 5000 });
      actions()!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
      await waitUntil(() => events().includes(`callback-action-done ${action}`), `${action} done`, { timeout: 5000 });
    };
    await act('hold');
    await act('resume');
    await act('end-call');
    await act('mark-done');
    await waitUntil(() => events().includes('callback-done'), 'done', { timeout: 5000 });
    await waitUntil(() => desk.shadowRoot!.textContent!.includes('No interaction in progress'), 'window closed', { timeout: 5000 });
  });

  it('plays a web callback end to end: accept, preview, Call, connected, end, Done', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/index.html" style="width:1200px;height:900px" title="demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.querySelector('#scenarios button'), 'scenario buttons', { timeout: 8000 });
    const doc = frame.contentDocument!;
    const events = () => doc.getElementById('events')!.textContent!;
    const web = [...doc.querySelectorAll<HTMLButtonElement>('#scenarios button')].find((b) => b.textContent === 'Web callback');
    expect(web, 'Web callback button').to.not.equal(undefined);
    // The scenario rings for 4 s; the demo's global lets the test send it with a short ring.
    const demo = (frame.contentWindow as Window & typeof globalThis).callbackDemo;
    await demo.cc.offer('web-callback', { behaviour: { ringMs: 500 } });
    const desk = doc.querySelector('callback-desk')!;
    const notification = () => desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification().shadowRoot?.querySelector('button.accept'), 'offer shown', { timeout: 5000 });
    notification().shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => events().includes('callback-accepted'), 'accepted', { timeout: 5000 });

    const preview = () => desk.shadowRoot!.querySelector('callback-preview')?.shadowRoot ?? null;
    const actions = () => preview()?.querySelector('call-actions')?.shadowRoot ?? null;
    const callState = () => preview()?.querySelector('call-status')?.shadowRoot?.querySelector('[part=state]')?.textContent?.trim();
    await waitUntil(() => callState() === 'Ready to call', 'preview ready to call', { timeout: 5000 });
    expect(preview()!.textContent).to.not.include('undefined');
    const act = async (action: string) => {
      await waitUntil(() => actions()?.querySelector(`[data-action="${action}"][aria-disabled="false"]`), `${action} enabled`, { timeout: 5000 });
      actions()!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
      await waitUntil(() => events().includes(`callback-action-done ${action}`), `${action} done`, { timeout: 5000 });
    };
    expect(actions()!.querySelector('[data-action="mark-done"]')!.textContent!.trim()).to.equal('Done');
    await act('call');
    await waitUntil(() => callState() === 'Connected', 'connected', { timeout: 5000 });
    await act('end-call');
    await waitUntil(() => callState() === 'Ready to call', 'ready to call again', { timeout: 5000 });
    await act('mark-done');
    await waitUntil(() => events().includes('callback-done'), 'done', { timeout: 5000 });
    await waitUntil(() => desk.shadowRoot!.textContent!.includes('No interaction in progress'), 'window closed', { timeout: 5000 });
  });
});

describe('static page with one tag', () => {
  it('plays an offer with nothing but <callback-desk simulated>', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/static.html" style="width:1000px;height:800px" title="static"></iframe>`);
    await waitUntil(() => frame.contentDocument?.querySelector('callback-desk')?.shadowRoot?.querySelector('[part=simulator-send]'), 'desk ready', { timeout: 8000 });
    const desk = frame.contentDocument!.querySelector('callback-desk')!;
    desk.shadowRoot!.querySelector<HTMLButtonElement>('[part=simulator-send]')!.click();
    const notification = () => desk.shadowRoot!.querySelector('callback-notification')!;
    await waitUntil(() => notification().shadowRoot?.querySelector('button.accept'), 'offer shown', { timeout: 5000 });
    notification().shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => desk.shadowRoot!.querySelector('interaction-window, callback-preview'), 'window open', { timeout: 5000 });
  });
});

