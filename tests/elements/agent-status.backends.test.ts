import { expect, fixture, html } from '@open-wc/testing';
import '../../src/agent-status.js';
import type { AgentStatus } from '../../src/agent-status.js';
import { WorkspaceCallbackAdapter } from '../../src/adapters/workspace/index.js';
import type { Channel } from '../../src/model/interaction.js';
import { channel, goNotReady, select, stateText, toggle } from '../helpers/agent-status.js';
import { sleep } from '../helpers/wait.js';
import { root } from '../helpers/dom.js';
import { recordEvents } from '../helpers/events.js';
import { agentOptions, control as workspaceControl } from '../adapters/workspace-harness.js';
import { cloudAdapter, control as cloudControl, type CloudSetup } from '../adapters/genesys-cloud-harness.js';
import '../helpers/lit-warnings.js';

// <agent-status> on the Genesys Engage Workspace API and Genesys Cloud contract servers: the
// reasons it offers are the server's, the one chosen reaches the server, and what the server
// reports (whoever changed it) is what the element shows.

/** Polls an asynchronous condition (a read of a contract server) until it holds. */
async function until(what: string, condition: () => Promise<boolean>, timeout = 9_000): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

const options = (el: AgentStatus, ch: Channel) => [...select(el, ch)!.options].filter((o) => o.value).map((o) => [o.value, o.textContent!.trim()]);
const shows = (el: AgentStatus, ch: Channel, text: string) => until(`${ch} shows "${text}"`, async () => {
  await el.updateComplete;
  return stateText(el, ch) === text;
});

/** Clicks "Set ready" on a channel and waits for the element to show it, its request settled. */
async function setReady(el: AgentStatus, ch: Channel) {
  toggle(el, ch).click();
  await until(`${ch} ready, nothing pending`, async () => {
    await el.updateComplete;
    return el.readyState(ch) === 'ready' && toggle(el, ch).getAttribute('aria-busy') === 'false';
  });
}

describe('<agent-status> on the Workspace API (contract server)', () => {
  let adapter: WorkspaceCallbackAdapter;
  let dn: string;
  afterEach(() => adapter.dispose());

  const agent = () => workspaceControl<{ agentState: string; agentWorkMode: string; reasonCode?: string; dnd: string }>('agent', { dn });

  it("offers the server's Not Ready reason codes and After-call work; the one chosen reaches the DN", async () => {
    const setup = await agentOptions();
    dn = setup.options.dn;
    adapter = new WorkspaceCallbackAdapter(setup.options);
    await adapter.register();
    const el = await fixture<AgentStatus>(html`<agent-status .adapter=${adapter} channels="voice"></agent-status>`);
    await setReady(el, 'voice');
    expect((await agent()).agentState).to.equal('Ready');

    toggle(el, 'voice').click();
    await until('the server reasons are listed', async () => {
      await el.updateComplete;
      return options(el, 'voice').length > 0;
    });
    expect(options(el, 'voice')).to.deep.equal([
      ['100', 'Lunch'],
      ['110', 'Training'],
      ['120', 'Callback follow-up'],
      ['AfterCallWork', 'After-call work'],
    ]);
    await goNotReady(el, 'voice', '110');
    expect(await agent()).to.include({ agentState: 'NotReady', reasonCode: '110' });
    await shows(el, 'voice', 'Not ready (Training)');

    await setReady(el, 'voice');
    await goNotReady(el, 'voice', 'AfterCallWork');
    expect(await agent()).to.include({ agentState: 'NotReady', agentWorkMode: 'AfterCallWork' });
    await shows(el, 'voice', 'Not ready (After-call work)');

    // Changed on the DN by something else (another desk, the supervisor): DnStateChanged is shown.
    await adapter.setNotReady({ reasonCode: '100' });
    await shows(el, 'voice', 'Not ready (Lunch)');
    expect(channel(el, 'voice').querySelector('[part=dnd]')).to.equal(null);
    await adapter.setDoNotDisturb(true);
    await until('DND is shown', async () => {
      await el.updateComplete;
      return channel(el, 'voice').querySelector('[part=dnd]')?.textContent?.trim() === 'Do not disturb';
    });
    expect((await agent()).dnd).to.equal('On');
    await adapter.setDoNotDisturb(false);
    await until('DND is gone', async () => {
      await el.updateComplete;
      return !channel(el, 'voice').querySelector('[part=dnd]');
    });
  });
});

describe('<agent-status>: the Do Not Disturb toggle on the Workspace API (contract server)', () => {
  let adapter: WorkspaceCallbackAdapter;
  let dn: string;
  afterEach(() => adapter.dispose());

  const agent = () => workspaceControl<{ dnd: string }>('agent', { dn });
  const dndToggle = (el: AgentStatus) => root(el).querySelector<HTMLButtonElement>('[part=dnd-button]');
  const pressed = (el: AgentStatus, on: boolean) =>
    until(`the toggle ${on ? 'pressed' : 'not pressed'}, nothing pending`, async () => {
      await el.updateComplete;
      return dndToggle(el)?.getAttribute('aria-pressed') === String(on) && dndToggle(el)?.getAttribute('aria-busy') === 'false';
    });

  it('turns DND on and off on the DN; the state shown is the one DnStateChanged brings back; focus stays on the toggle', async () => {
    const setup = await agentOptions();
    dn = setup.options.dn;
    adapter = new WorkspaceCallbackAdapter(setup.options);
    await adapter.register();
    const el = await fixture<AgentStatus>(html`<agent-status .adapter=${adapter} channels="voice"></agent-status>`);
    await el.updateComplete;
    const button = dndToggle(el)!;
    expect(button.localName).to.equal('button');
    expect(button.textContent!.trim()).to.equal('Do not disturb');
    expect(button.getAttribute('aria-pressed')).to.equal('false');

    button.focus();
    button.click();
    await pressed(el, true);
    expect((await agent()).dnd).to.equal('On');
    expect(channel(el, 'voice').querySelector('[part=dnd]')?.textContent?.trim()).to.equal('Do not disturb');
    expect(el.hasState('dnd')).to.equal(true);
    expect(root(el).activeElement, 'focus stays on the toggle').to.equal(button);
    await expect(el).to.be.accessible();

    // Turned off elsewhere (the same DN, not through the element): the server's DnStateChanged un-presses it.
    await adapter.setDoNotDisturb(false);
    await pressed(el, false);
    expect((await agent()).dnd).to.equal('Off');
    expect(channel(el, 'voice').querySelector('[part=dnd]')).to.equal(null);

    // Refused by the server: a localized error beside the toggle, DND still off, focus still on the toggle.
    const errors = recordEvents<{ action: string; message: string }>(el, ['callback-error']);
    await workspaceControl('fail', { path: '/voice/dnd-on$', status: 403 });
    button.click();
    const error = root(el).querySelector<HTMLElement>('.dnd-control [part=error]')!;
    await until('the error is shown', async () => {
      await el.updateComplete;
      return !error.hidden;
    });
    expect(errors.map((e) => e.detail.action)).to.deep.equal(['do-not-disturb']);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(errors[0]!.detail.message).to.not.equal('');
    expect(error.textContent!.trim()).to.equal(errors[0]!.detail.message);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect((await agent()).dnd).to.equal('Off');
    expect(root(el).activeElement).to.equal(button);

    // Pressed again, it goes through; the error goes away.
    button.click();
    await pressed(el, true);
    expect(error.hidden).to.equal(true);
    expect((await agent()).dnd).to.equal('On');
  });
});

describe('<agent-status> on Genesys Cloud (contract server)', () => {
  let s: CloudSetup;
  let other: CloudSetup | undefined;
  afterEach(() => {
    s.adapter.dispose();
    other?.adapter.dispose();
    other = undefined;
  });

  const user = () =>
    cloudControl<{ routingStatus: string; presence: { id: string }; utilization?: Record<string, { maximumCapacity: number }> }>(`user/${s.userId}`);
  /** The server's clock moves on, so a change is newer than the last (routing status events carry their time). */
  const tick = async () => {
    s.clock.advance(1_000);
    await cloudControl('time', { now: s.clock.now() });
  };

  it('On queue per channel through the routing status and utilization; presences as the reasons, the one chosen set on the server', async () => {
    s = await cloudAdapter();
    const el = await fixture<AgentStatus>(html`<agent-status .adapter=${s.adapter}></agent-status>`);
    await tick();
    await setReady(el, 'voice');
    const onQueue = await user();
    expect(onQueue.routingStatus).to.equal('IDLE');
    expect(onQueue.utilization).to.deep.include({ call: { maximumCapacity: 1, interruptableMediaTypes: [], includeNonAcd: false } });
    expect(onQueue.utilization?.callback?.maximumCapacity, 'no callbacks routed: web callback not ready').to.equal(0);
    expect(el.readyState('web-callback')).to.equal('not-ready');

    await tick();
    toggle(el, 'voice').click();
    await until('the presences are listed', async () => {
      await el.updateComplete;
      return (select(el, 'voice')?.options.length ?? 0) > 1;
    });
    expect(options(el, 'voice').map(([code]) => code)).to.have.members(['available', 'away', 'away-training', 'break', 'meal', 'busy']);
    expect(options(el, 'voice')).to.deep.include(['break', 'Break']);
    await goNotReady(el, 'voice', 'break');
    const off = await user();
    expect(off.routingStatus).to.equal('OFF_QUEUE');
    expect(off.presence.id).to.equal('break');
    await shows(el, 'voice', 'Not ready (Break)');
    await shows(el, 'web-callback', 'Not ready (Break)');

    // Web callbacks only: the state each channel shows is the server's, read again after a reload.
    await tick();
    await setReady(el, 'web-callback');
    expect((await user()).utilization?.callback?.maximumCapacity).to.equal(1);
    expect((await user()).utilization?.call?.maximumCapacity).to.equal(0);
    other = await cloudAdapter({ userId: s.userId });
    const reloaded = await fixture<AgentStatus>(html`<agent-status .adapter=${other.adapter}></agent-status>`);
    await reloaded.updateComplete;
    expect(reloaded.readyState('web-callback')).to.equal('ready');
    expect(reloaded.readyState('voice')).to.equal('not-ready');
    await until('the server still routes callbacks only', async () => (await user()).routingStatus === 'IDLE');
  });
});
