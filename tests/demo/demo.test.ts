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

describe('demo in GMS mode', () => {
  it('a callback requested through GMS is routed, accepted and rescheduled over HTTP', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/gms.html" style="width:1200px;height:900px" title="gms demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.body?.dataset.ready === 'true', 'GMS demo loaded', { timeout: 8000 });
    const doc = frame.contentDocument!;
    const number = `+4420794${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
    doc.querySelector<HTMLInputElement>('input[name=number]')!.value = number;
    doc.querySelector<HTMLButtonElement>('#create button')!.click();
    await waitUntil(() => doc.getElementById('status')!.textContent, 'GMS answered', { timeout: 5000 });
    expect(doc.getElementById('status')!.textContent).to.include('GMS stored callback');
    const row = () => [...doc.querySelectorAll('#stored li')].find((li) => li.textContent!.includes(number.slice(-5)));
    await waitUntil(() => row()?.querySelector('button'), 'listed', { timeout: 5000 });
    row()!.querySelector<HTMLButtonElement>('button')!.click();
    const notification = doc.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot?.querySelector('button.accept'), 'offered', { timeout: 5000 });
    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    const scheduler = doc.querySelector('callback-scheduler')!;
    await waitUntil(() => !doc.getElementById('window')!.hidden && scheduler.shadowRoot?.querySelector('#date'), 'window shown', { timeout: 5000 });
    // Tomorrow (or Monday): a day with office hours on the contract server.
    const day = new Date(Date.now() + 86_400_000);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    // Type the date until the scheduler shows that day's slots: while the window settles after
    // Accept (the form binds to its interaction and renders again), an early entry can be replaced.
    const longDay = new Intl.DateTimeFormat('en', { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(day);
    await waitUntil(
      () => {
        const date = scheduler.shadowRoot!.querySelector<HTMLInputElement>('#date')!;
        if (date.value !== day.toISOString().slice(0, 10)) {
          date.value = day.toISOString().slice(0, 10);
          date.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
        return scheduler.shadowRoot!.textContent!.includes(longDay);
      },
      `the scheduler shows ${longDay}`,
      { timeout: 8000 },
    );
    // Find and pick a free slot in one step: the slot list may render again (loading, then loaded)
    // between two separate looks.
    await waitUntil(
      () => {
        const slot = scheduler.shadowRoot!.querySelector<HTMLInputElement>('[part=slots] input[type=radio]:not([disabled])');
        slot?.click();
        return !!slot?.checked;
      },
      'GMS availability slots',
      { timeout: 5000 },
    );
    scheduler.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit-button]')!.click();
    const state = () => {
      const submit = scheduler.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit-button]');
      const shown = scheduler.shadowRoot!.querySelector('[role=alert]')?.textContent?.trim();
      const text = scheduler.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim().slice(0, 600);
      const picked = scheduler.shadowRoot!.querySelector<HTMLInputElement>('[part=slots] input[type=radio]:checked')?.value;
      return `row "${row()?.textContent?.trim()}", submit ${submit?.disabled ? 'disabled' : 'enabled'} aria-disabled=${submit?.getAttribute('aria-disabled')}, alert "${shown ?? ''}", picked ${picked}, scheduler: ${text}`;
    };
    await waitUntil(() => row()?.textContent!.includes(day.toISOString().slice(0, 10)), 'rescheduled in GMS (PUT)', { timeout: 5000 }).catch(() => {
      throw new Error(`not rescheduled in GMS within 5 s: ${state()}`);
    });
  });
});
