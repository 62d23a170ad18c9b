import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/agent-status.js';
import '../../src/call-actions.js';
import '../../src/call-status.js';
import type { AgentStatus } from '../../src/agent-status.js';
import type { CallActions } from '../../src/call-actions.js';
import type { CallStatus } from '../../src/call-status.js';
import type { AfterCallWorkExceededEvent } from '../../src/call-status.js';
import { SAMPLE_TARGETS, SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { Capabilities, Policy } from '../../src/model/actions.js';
import { ManualClock } from '../../src/model/clock.js';
import type { TargetRef } from '../../src/model/interaction.js';
import { announcement } from '../../src/controllers/announcer.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';
import { text } from '../helpers/dom.js';

/**
 * What every agent desktop has: Mute, after-call work with its timer and limit, Alternate during a
 * consultation, and per-party control of a conference. The toolbar, the call status and the agent
 * status of one interaction, on the simulated contact center and a manual clock.
 */

const ana = SAMPLE_TARGETS.find((t) => t.id === 'agent-ana-ruiz')!;
const ben = SAMPLE_TARGETS.find((t) => t.id === 'agent-ben-okafor')!;

async function desk(options: { policy?: Partial<Policy>; capabilities?: Partial<Capabilities>; lang?: string } = {}) {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0, ...(options.capabilities ? { capabilities: options.capabilities } : {}) });
  const offer = await cc.offer('immediate');
  await cc.accept(offer.id);
  const id = offer.id;
  const root = await fixture<HTMLDivElement>(html`<div lang=${options.lang ?? 'en'}>
    <agent-status .adapter=${cc} .telephony=${cc} .clock=${clock}></agent-status>
    <call-status interaction-id=${id} .adapter=${cc} .telephony=${cc} .clock=${clock} .policy=${options.policy}></call-status>
    <call-actions interaction-id=${id} .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock} .policy=${options.policy}></call-actions>
  </div>`);
  const agent = root.querySelector<AgentStatus>('agent-status')!;
  const status = root.querySelector<CallStatus>('call-status')!;
  const actions = root.querySelector<CallActions>('call-actions')!;
  const events: string[] = [];
  for (const type of ['callback-action', 'callback-action-done', 'callback-error']) {
    root.addEventListener(type, (e) => events.push(`${type.replace('callback-', '')}:${(e as CustomEvent<{ action: string }>).detail.action}`));
  }
  const s = {
    clock,
    cc,
    id,
    root,
    agent,
    status,
    actions,
    events,
    interaction: () => cc.getInteraction(id)!,
    callId: () => cc.getInteraction(id)!.callId!,
    settle: () => settled(agent, status, actions),
  };
  await s.settle();
  return s;
}

type Desk = Awaited<ReturnType<typeof desk>>;

const button = (s: Desk, action: string) => s.actions.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
const shown = (s: Desk) => [...s.actions.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=button]')].map((b) => b.dataset.action);
const statusPart = (s: Desk, name: string) => s.status.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
const agentAfterCallWork = (s: Desk) => s.agent.shadowRoot!.querySelector<HTMLElement>('[data-channel=voice] [part~=after-call-work]');
const removeButtons = (s: Desk) => [...s.status.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=remove-button]')];

/** Focuses the toolbar's first button, then arrows to `action`. */
async function arrowTo(s: Desk, action: string) {
  s.actions.shadowRoot!.querySelector<HTMLButtonElement>('[part~=button][tabindex="0"]')!.focus();
  for (let i = 0; i < 20 && (s.actions.shadowRoot!.activeElement as HTMLElement | null)?.dataset.action !== action; i++) {
    await sendKeys({ press: 'ArrowRight' });
  }
  expect((s.actions.shadowRoot!.activeElement as HTMLElement | null)?.dataset.action).to.equal(action);
}

async function consultAnswered(s: Desk, target: TargetRef) {
  void s.cc.startConsultation(s.callId(), target).catch(() => undefined);
  await s.settle();
  s.clock.advance(5_000);
  await s.settle();
  expect(s.interaction().consultation?.state).to.equal('connected');
}

describe('agent desktop: mute', () => {
  it('Mute is a toggle button: Enter mutes (pressed, "Muted" in the call status, the customer hears nothing), Space unmutes', async () => {
    const s = await desk();
    const mute = button(s, 'mute')!;
    expect(text(mute)).to.equal('Mute');
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    await arrowTo(s, 'mute');
    await sendKeys({ press: 'Enter' });
    await s.settle();
    expect(s.interaction().muted).to.equal(true);
    expect(s.cc.farEnd(s.callId()).hearsAgent, 'the customer no longer hears the agent').to.equal(false);
    expect(button(s, 'mute')!.getAttribute('aria-pressed')).to.equal('true');
    expect(text(button(s, 'mute')), 'the name of a toggle does not change').to.equal('Mute');
    expect(s.actions.shadowRoot!.activeElement, 'focus stays on the toggle').to.equal(button(s, 'mute'));
    expect(text(statusPart(s, 'muted'))).to.equal('Muted');
    expect(s.status.hasState('muted')).to.equal(true);
    await waitUntil(() => announcement().includes('Microphone muted.'), 'announced');
    await expect(s.actions).to.be.accessible();
    await expect(s.status).to.be.accessible();
    // Held and resumed: still muted.
    await s.cc.hold(s.callId());
    await s.cc.resume(s.callId());
    await s.settle();
    expect(text(statusPart(s, 'muted'))).to.equal('Muted');
    await sendKeys({ press: 'Space' });
    await s.settle();
    expect(s.interaction().muted).to.equal(false);
    expect(s.cc.farEnd(s.callId()).hearsAgent).to.equal(true);
    expect(button(s, 'mute')!.getAttribute('aria-pressed')).to.equal('false');
    expect(statusPart(s, 'muted') === null, 'Muted gone').to.equal(true);
    expect(s.events).to.deep.equal(['action:mute', 'action-done:mute', 'action:unmute', 'action-done:unmute']);
  });

  it('is not offered when the phone cannot mute, nor once the call ended', async () => {
    const s = await desk({ capabilities: { mute: false } });
    expect(shown(s)).to.not.include('mute');
    const t = await desk();
    await t.cc.mute(t.callId(), true);
    await t.cc.hangUp(t.callId());
    await t.settle();
    expect(shown(t)).to.not.include('mute');
    expect(statusPart(t, 'muted') === null, 'no Muted after the call').to.equal(true);
  });

  it('in Spanish', async () => {
    const s = await desk({ lang: 'es' });
    await waitUntil(() => text(button(s, 'mute')) === 'Silenciar', `label: ${text(button(s, 'mute'))}`);
    button(s, 'mute')!.click();
    await s.settle();
    await waitUntil(() => text(statusPart(s, 'muted')) === 'Silenciado', `status: ${text(statusPart(s, 'muted'))}`);
  });
});

describe('agent desktop: after-call work', () => {
  it('after End call: a timer in the call status and the agent status, counting on the clock, until Mark done', async () => {
    const s = await desk();
    expect(statusPart(s, 'after-call-work') === null, 'not during the call').to.equal(true);
    expect(agentAfterCallWork(s) === null).to.equal(true);
    button(s, 'end-call')!.click();
    await s.settle();
    expect(text(statusPart(s, 'after-call-work'))).to.equal('After-call work 0 sec');
    expect(text(agentAfterCallWork(s))).to.equal('After-call work 0 sec');
    expect(s.agent.hasState('after-call-work')).to.equal(true);
    expect(s.status.hasState('after-call-work')).to.equal(true);
    s.clock.advance(42_000);
    await s.settle();
    expect(text(statusPart(s, 'after-call-work'))).to.equal('After-call work 42 sec');
    expect(text(agentAfterCallWork(s))).to.equal('After-call work 42 sec');
    expect(agentAfterCallWork(s)!.getAttribute('role')).to.equal('timer');
    await expect(s.status).to.be.accessible();
    await expect(s.agent).to.be.accessible();
    const baseline = s.clock.pendingTimers;
    button(s, 'mark-done')!.click();
    await s.settle();
    expect(s.interaction().state).to.equal('done');
    expect(agentAfterCallWork(s) === null, 'the agent status no longer shows it').to.equal(true);
    expect(s.agent.hasState('after-call-work')).to.equal(false);
    expect(s.clock.pendingTimers, 'no timer left counting').to.be.lessThan(baseline);
  });

  it('the host is told once when the configured limit passes; the call status says so', async () => {
    const s = await desk({ policy: { afterCallWorkLimitMs: 60_000 } });
    const told: AfterCallWorkExceededEvent[] = [];
    const listener = (e: Event) => told.push(e as AfterCallWorkExceededEvent);
    document.addEventListener('callback-after-call-work-exceeded', listener);
    try {
      await s.cc.hangUp(s.callId());
      await s.settle();
      const since = s.clock.now();
      s.clock.advance(59_000);
      await s.settle();
      expect(told).to.have.length(0);
      expect(s.status.hasState('after-call-work-exceeded')).to.equal(false);
      s.clock.advance(1_000);
      await s.settle();
      expect(told).to.have.length(1);
      expect(told[0]!.detail.interaction.id).to.equal(s.id);
      expect(told[0]!.detail).to.include({ since, limitMs: 60_000 });
      expect(told[0]!.composed && told[0]!.bubbles).to.equal(true);
      expect(text(statusPart(s, 'after-call-work'))).to.equal('After-call work 1 min, 0 sec (time limit passed)');
      expect(s.status.hasState('after-call-work-exceeded')).to.equal(true);
      await expect(s.status).to.be.accessible();
      s.clock.advance(120_000);
      await s.settle();
      // Another element showing the same interaction later does not tell the host again.
      const second = await fixture<CallStatus>(html`<call-status interaction-id=${s.id} .adapter=${s.cc} .telephony=${s.cc} .clock=${s.clock} .policy=${{ afterCallWorkLimitMs: 60_000 }}></call-status>`);
      await second.updateComplete;
      s.clock.advance(60_000);
      await s.settle();
      expect(told, 'once per interaction').to.have.length(1);
    } finally {
      document.removeEventListener('callback-after-call-work-exceeded', listener);
    }
  });

  it('no limit, no event; Mark done before the limit, no event', async () => {
    const s = await desk({ policy: { afterCallWorkLimitMs: 60_000 } });
    let told = 0;
    s.root.addEventListener('callback-after-call-work-exceeded', () => told++);
    await s.cc.hangUp(s.callId());
    await s.settle();
    s.clock.advance(30_000);
    button(s, 'mark-done')!.click();
    await s.settle();
    s.clock.advance(120_000);
    await s.settle();
    expect(told).to.equal(0);
    const t = await desk();
    t.root.addEventListener('callback-after-call-work-exceeded', () => told++);
    await t.cc.hangUp(t.callId());
    t.clock.advance(3_600_000);
    await t.settle();
    expect(told).to.equal(0);
    expect(text(statusPart(t, 'after-call-work'))).to.equal('After-call work 1 hr, 0 min, 0 sec');
  });

  it('a call status removed during after-call work leaves no timer behind, and tells the host nothing later', async () => {
    const s = await desk({ policy: { afterCallWorkLimitMs: 60_000 } });
    let told = 0;
    document.addEventListener('callback-after-call-work-exceeded', () => told++);
    await s.cc.hangUp(s.callId());
    await s.settle();
    s.agent.remove();
    s.actions.remove();
    const withStatus = s.clock.pendingTimers;
    s.status.remove();
    await aTimeout(0);
    expect(s.clock.pendingTimers, 'its ticker and limit timer are gone').to.equal(withStatus - 2);
    s.clock.advance(120_000);
    await aTimeout(0);
    expect(told).to.equal(0);
  });

  it('in Spanish', async () => {
    const s = await desk({ lang: 'es' });
    await s.cc.hangUp(s.callId());
    s.clock.advance(5_000);
    await s.settle();
    await waitUntil(() => text(statusPart(s, 'after-call-work')) === 'Trabajo posterior a la llamada 5 s', text(statusPart(s, 'after-call-work')));
    await waitUntil(() => text(agentAfterCallWork(s)) === 'Trabajo posterior a la llamada 5 s', text(agentAfterCallWork(s)));
  });
});

describe('agent desktop: alternate during a consultation', () => {
  it('Alternate swaps who is held, visibly and for both far ends; then back', async () => {
    const s = await desk();
    void s.cc.startConsultation(s.callId(), ben).catch(() => undefined);
    await s.settle();
    expect(button(s, 'alternate')!.getAttribute('aria-disabled'), 'not before the consulted party answers').to.equal('true');
    s.clock.advance(5_000);
    await s.settle();
    const consultationCall = s.interaction().consultation!.callId!;
    expect(text(statusPart(s, 'state'))).to.equal('On hold');
    expect(text(statusPart(s, 'consultation'))).to.equal('Consulting Ben Okafor — connected');
    await arrowTo(s, 'alternate');
    await sendKeys({ press: 'Enter' });
    await s.settle();
    expect(s.interaction().state).to.equal('connected');
    expect(s.cc.farEnd(s.callId()).held, 'the customer is back').to.equal(false);
    expect(s.cc.farEnd(consultationCall).held, 'the consulted party waits').to.equal(true);
    expect(text(statusPart(s, 'state'))).to.equal('Connected');
    expect(text(statusPart(s, 'consultation'))).to.equal('Consulting Ben Okafor — on hold');
    expect(s.actions.shadowRoot!.activeElement, 'focus stays on Alternate').to.equal(button(s, 'alternate'));
    await waitUntil(() => announcement().includes('Talking with'), 'announced');
    expect(announcement()).to.include('Ben Okafor on hold');
    await expect(s.actions).to.be.accessible();
    await expect(s.status).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await s.settle();
    expect(s.interaction().state).to.equal('held');
    expect(s.cc.farEnd(s.callId()).held).to.equal(true);
    expect(s.cc.farEnd(consultationCall).held).to.equal(false);
    expect(text(statusPart(s, 'consultation'))).to.equal('Consulting Ben Okafor — connected');
    expect(s.events).to.deep.equal(['action:alternate', 'action-done:alternate', 'action:alternate', 'action-done:alternate']);
  });

  it('after Alternate, Conference consulted party joins them all', async () => {
    const s = await desk();
    await consultAnswered(s, ben);
    button(s, 'alternate')!.click();
    await s.settle();
    button(s, 'consult-conference')!.click();
    await s.settle();
    expect(s.interaction().state).to.equal('connected');
    expect(s.cc.farEnd(s.callId()).joined).to.include(ben.address);
    expect(shown(s)).to.not.include('alternate');
  });
});

describe('agent desktop: per-party control of a conference', () => {
  async function conference() {
    const s = await desk();
    await s.cc.conference(s.callId(), ana);
    await s.cc.conference(s.callId(), ben);
    await s.settle();
    return s;
  }

  it('each party has a Remove button; removing one keeps the others and moves focus to the next party', async () => {
    const s = await conference();
    expect(removeButtons(s).map(text)).to.deep.equal(['Remove Ana Ruiz', 'Remove Ben Okafor']);
    await expect(s.status).to.be.accessible();
    removeButtons(s)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await s.settle();
    expect(s.interaction().participants!.map((p) => p.id)).to.deep.equal([ben.id]);
    expect(s.cc.farEnd(s.callId()).joined).to.deep.equal([ben.address]);
    expect(s.interaction().state).to.equal('connected');
    expect(text(statusPart(s, 'participants'))).to.equal('In conference with Ben Okafor');
    expect(s.interaction().history.at(-1)).to.deep.include({ kind: 'participant-left' });
    expect(removeButtons(s).map(text)).to.deep.equal(['Remove Ben Okafor']);
    expect(s.status.shadowRoot!.activeElement, 'focus on the next party').to.equal(removeButtons(s)[0]);
    await sendKeys({ press: 'Enter' });
    await s.settle();
    expect(s.interaction().participants).to.deep.equal([]);
    expect(removeButtons(s)).to.have.length(0);
    const focused = s.status.shadowRoot!.activeElement;
    expect(focused?.getAttribute('part'), 'focus on the call state, not the page').to.equal('state');
    expect(s.events).to.deep.equal(['action:remove-participant', 'action-done:remove-participant', 'action:remove-participant', 'action-done:remove-participant']);
  });

  it('a failed removal keeps the party and says why; Remove waits during a consultation', async () => {
    const s = await conference();
    s.cc.failNext('removeParticipant', 'network');
    removeButtons(s)[0]!.click();
    await s.settle();
    expect(s.interaction().participants).to.have.length(2);
    expect(text(s.status.shadowRoot!.querySelector('[role=alert]'))).to.not.equal('');
    expect(s.events).to.include('error:remove-participant');
    await consultAnswered(s, SAMPLE_TARGETS.find((t) => t.id === 'queue-billing')!);
    expect(removeButtons(s)[0]!.getAttribute('aria-disabled')).to.equal('true');
    removeButtons(s)[0]!.click();
    await s.settle();
    expect(s.interaction().participants).to.have.length(2);
    await expect(s.status).to.be.accessible();
  });

  it('Leave conference: the agent goes, the customer stays with the others; after-call work begins', async () => {
    const s = await conference();
    const callId = s.callId();
    button(s, 'leave-conference')!.click();
    await s.settle();
    expect(s.interaction().state).to.equal('ended');
    expect(s.interaction().history.at(-1)).to.deep.include({ kind: 'left-conference' });
    const far = s.cc.farEnd(callId);
    expect(far.connected, 'the customer is still on the conference').to.equal(true);
    expect(far.joined).to.deep.equal([ana.address, ben.address]);
    expect(text(statusPart(s, 'after-call-work'))).to.equal('After-call work 0 sec');
  });

  it('no Remove buttons nor Leave conference when the phone cannot', async () => {
    const s = await desk({ capabilities: { removeParticipant: false, leaveConference: false } });
    await s.cc.conference(s.callId(), ana);
    await s.settle();
    expect(removeButtons(s)).to.have.length(0);
    expect(shown(s)).to.not.include('leave-conference');
  });
});
