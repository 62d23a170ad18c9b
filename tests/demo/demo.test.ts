import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CallbackNotification } from '../../src/callback-notification.js';

/**
 * Loads demo/index.html as `npm start` serves it (the test server compiles TypeScript the same
 * way) and plays a scenario as a person would.
 */
describe('demo page', () => {
  it('offers a callback from the scenario panel and accepts it', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/index.html" style="width:1200px;height:800px" title="demo"></iframe>`);
    await waitUntil(() => frame.contentDocument?.querySelector('#scenarios button'), 'scenario buttons', { timeout: 8000 });
    const doc = frame.contentDocument!;
    const immediate = [...doc.querySelectorAll<HTMLButtonElement>('#scenarios button')].find((b) => b.textContent === 'Immediate voice callback')!;
    expect(immediate, 'Immediate voice callback button').to.not.equal(undefined);
    immediate.click();
    const notification = doc.querySelector('callback-notification') as CallbackNotification;
    await waitUntil(() => notification.shadowRoot?.querySelector('button.accept'), 'offer shown', { timeout: 5000 });
    notification.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await waitUntil(() => doc.getElementById('events')!.textContent!.includes('callback-accepted'), 'accepted', { timeout: 5000 });
    expect(doc.getElementById('interactions')!.textContent).to.include('connected');
  });
});
