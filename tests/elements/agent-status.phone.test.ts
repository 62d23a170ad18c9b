import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/agent-status.js';
import '../../src/callback-provider.js';
import type { AgentStatus } from '../../src/agent-status.js';
import { announce, announcement } from '../../src/controllers/announcer.js';
import { choose, countSubscriptions, mount, phone, pickerButton, recordStatusEvents, root, setup, stateText } from '../helpers/agent-status.js';
import '../helpers/lit-warnings.js';

describe('<agent-status> phone, adapters and lifecycle', () => {
  it('shows every registration status, with colour, and announces drops and recovery', async () => {
    const { cc, clock } = setup({ reconnectTimeoutMs: 10_000 });
    const el = await mount(cc);
    const colour = () => getComputedStyle(phone(el)).color;
    expect(colour()).to.equal('rgb(30, 107, 52)');
    cc.setOffline(true);
    await el.updateComplete;
    expect(phone(el).textContent).to.equal('Connection lost, reconnecting…');
    expect(colour()).to.equal('rgb(138, 90, 0)');
    expect(el.hasState('phone-reconnecting')).to.equal(true);
    await aTimeout(80);
    expect(announcement()).to.equal('Phone connection lost. Reconnecting…');
    await expect(el).to.be.accessible();
    clock.advance(10_000);
    await el.updateComplete;
    expect(phone(el).textContent).to.equal('Offline');
    expect(colour()).to.equal('rgb(179, 38, 30)');
    expect(el.hasState('phone-offline')).to.equal(true);
    await aTimeout(80);
    expect(announcement()).to.equal('Phone offline: calls cannot reach you.');
    await expect(el).to.be.accessible();
    cc.setOffline(false);
    await el.updateComplete;
    expect(phone(el).textContent).to.equal('Connected');
    expect(el.hasState('phone-registered')).to.equal(true);
    await aTimeout(80);
    expect(announcement()).to.equal('Phone connected again.');
  });

  it('shows connecting and failed registration; a first registration is not announced', async () => {
    const { cc } = setup({ registered: false });
    const el = await mount(cc);
    expect(phone(el).textContent).to.equal('Offline');
    announce('marker');
    cc.failNext('register', 'network');
    const attempt = cc.register().catch(() => undefined);
    await el.updateComplete;
    expect(phone(el).textContent).to.equal('Connecting…');
    expect(el.hasState('phone-connecting')).to.equal(true);
    await expect(el).to.be.accessible();
    await attempt;
    await el.updateComplete;
    expect(phone(el).textContent).to.equal('Registration failed');
    expect(el.hasState('phone-failed')).to.equal(true);
    await aTimeout(80);
    expect(announcement()).to.equal('Phone registration failed.');
    await expect(el).to.be.accessible();
    announce('marker');
    await cc.register();
    await el.updateComplete;
    expect(phone(el).textContent).to.equal('Connected');
    await aTimeout(80);
    expect(announcement()).to.equal('marker');
  });

  it('gets its adapters from a <callback-provider>; an explicit adapter wins', async () => {
    const { cc } = setup();
    const own = setup().cc;
    await own.setReadyState('voice', 'not-ready');
    const provider = await fixture(html`<callback-provider .callbackAdapter=${cc} .telephonyAdapter=${cc}>
      <agent-status></agent-status>
    </callback-provider>`);
    const el = provider.querySelector('agent-status')!;
    await el.updateComplete;
    expect(stateText(el, 'voice')).to.equal('Ready');
    expect(phone(el).textContent).to.equal('Connected');
    el.adapter = own;
    await el.updateComplete;
    expect(stateText(el, 'voice')).to.equal('Not ready');
  });

  it('renders nothing without adapters', async () => {
    const el = await fixture<AgentStatus>(html`<agent-status></agent-status>`);
    expect(root(el).querySelectorAll('[part=base]').length).to.equal(0);
  });

  it('leaves no subscription behind after connect/disconnect cycles, and aborts a change in flight', async () => {
    const { cc, clock } = setup({ latencyMs: 200 });
    const ready = countSubscriptions(cc, 'onReadyState');
    const status = countSubscriptions(cc, 'onStatus');
    const el = await mount(cc);
    expect([ready.live, status.live]).to.deep.equal([1, 1]);
    const parent = el.parentElement!;
    for (let i = 0; i < 30; i++) {
      el.remove();
      parent.append(el);
      await el.updateComplete;
    }
    expect([ready.live, status.live]).to.deep.equal([1, 1]);
    const fired = recordStatusEvents(el);
    await choose(el, 'voice', 'break');
    pickerButton(el, 'voice', 'confirm').click();
    el.remove();
    expect([ready.live, status.live]).to.deep.equal([0, 0]);
    announce('marker');
    clock.advance(200);
    cc.setOffline(true);
    await aTimeout(80);
    expect(cc.getReadyState('voice')).to.equal('ready');
    expect(fired.map((f) => f.type)).to.deep.equal(['agent-state-change']);
    expect(announcement()).to.equal('marker');
    expect(clock.pendingTimers).to.equal(1); // the simulator's own reconnect timer only
  });
});
