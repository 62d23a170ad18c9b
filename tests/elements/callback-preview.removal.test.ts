import { aTimeout, expect } from '@open-wc/testing';
import { setup } from '../helpers/callback-preview.js';
import '../helpers/lit-warnings.js';

/**
 * The desk removes a web callback's preview in its own update when the service closes the
 * callback; the preview may have an update of its own already queued. That update must not follow
 * the adapter again from outside the page: the adapter would keep the whole preview (about 1,100
 * nodes) for the rest of the shift. Every subscription the preview took is counted on the adapter.
 */
describe('<callback-preview> removed with an update pending', () => {
  it('leaves no subscription on the adapter', async () => {
    const s = await setup();
    let open = 0;
    const original = s.cc.onInteraction.bind(s.cc);
    s.cc.onInteraction = (listener) => {
      open++;
      const unsubscribe = original(listener);
      let done = false;
      return () => {
        if (!done) open--;
        done = true;
        unsubscribe();
      };
    };
    // Rebind every controller to the counting adapter, then let it settle.
    const adapter = s.el.adapter;
    s.el.adapter = undefined;
    await s.el.updateComplete;
    s.el.adapter = adapter;
    await s.el.updateComplete;
    await aTimeout(0);
    expect(open, 'the preview follows the adapter while shown').to.be.greaterThan(0);

    // The service closes the callback: the preview is queued to update, and removed before it runs.
    await s.cc.markDone(s.id);
    s.el.requestUpdate();
    s.el.remove();
    await aTimeout(0);
    await aTimeout(0);
    expect(open, 'subscriptions left on the adapter after removal').to.equal(0);
  });
});
