import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/callback-provider.js';
import '../../src/callback-notification.js';
import '../../src/agent-status.js';
import type { CallbackProvider } from '../../src/callback-provider.js';
import { center } from './fixtures.js';
import '../helpers/lit-warnings.js';

/** <callback-provider> has no UI: it must add nothing to the accessibility tree around what it provides to. */

describe('<callback-provider> accessibility', () => {
  it('with an agent status and an offer inside, adds no role, name or focus stop of its own', async () => {
    const c = center();
    const provider = await fixture<CallbackProvider>(html`<callback-provider .callbackAdapter=${c.cc} .telephonyAdapter=${c.cc} .clock=${c.clock}>
      <agent-status></agent-status>
      <callback-notification></callback-notification>
    </callback-provider>`);
    await c.cc.offer('immediate');
    const notification = provider.querySelector('callback-notification')!;
    await waitUntil(() => notification.shadowRoot!.querySelector('[part=accept-button]'), 'offer shown through the provider');
    expect(provider.hasAttribute('role') || provider.hasAttribute('tabindex'), 'no role or tab stop').to.equal(false);
    await expect(provider).to.be.accessible();
  });
});
