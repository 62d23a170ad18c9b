import { expect, fixture, html } from '@open-wc/testing';
import '../../src/callback-info.js';
import '../../src/callback-provider.js';
import type { CallbackInfo } from '../../src/callback-info.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { infoItemsConverter } from '../../src/elements/shared/info-items-converter.js';
import { makeInteraction, T0 } from '../helpers/fixtures.js';
import { formatPhone, phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { root, shadowText } from '../helpers/dom.js';

function setup() {
  const clock = new ManualClock(T0);
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  return { clock, cc };
}

async function mount(cc: SimulatedContactCenter, clock: ManualClock, interactionId?: string) {
  const el = await fixture<CallbackInfo>(html`<callback-info .adapter=${cc} .clock=${clock} interaction-id=${interactionId ?? ''}></callback-info>`);
  if (!interactionId) el.removeAttribute('interaction-id');
  await el.updateComplete;
  return el;
}

async function show(interaction: Interaction, attrs: Record<string, string> = {}) {
  const clock = new ManualClock(T0);
  const el = await fixture<CallbackInfo>(html`<callback-info .clock=${clock} .interaction=${interaction}></callback-info>`);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  await el.updateComplete;
  return { el, clock };
}

const labels = (el: CallbackInfo) => [...root(el).querySelectorAll('dt')].map((dt) => dt.textContent!.trim());
const keys = (el: CallbackInfo) => [...root(el).querySelectorAll<HTMLElement>('[part=item]')].map((row) => row.dataset.key);
const value = (el: CallbackInfo, key: string) =>
  [...root(el).querySelectorAll<HTMLElement>('[part=item]')].find((row) => row.dataset.key === key)?.querySelector('dd');

describe('<callback-info>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('shows the default items in the default order, then the form data, as a description list', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, clock, offer.id);
    expect(root(el).querySelector('[role=heading]')!.textContent!.trim()).to.equal('Callback information');
    expect(labels(el)).to.deep.equal([
      'Desired time', 'Type', 'Number', 'Instructions',
      ...offer.caseData.map((f) => f.label),
    ]);
    expect(value(el, 'type')!.textContent).to.equal('Immediate');
    expect(value(el, 'number')!.textContent).to.equal(formatPhone(offer.contact.phone));
    expect(value(el, 'instructions')!.textContent).to.equal(offer.instructions);
    expect(value(el, 'case:account')!.textContent).to.equal('GB29 NWBK 6016 1331 9268 19');
    expect(root(el).querySelector('dl')!.children).to.have.length(4 + offer.caseData.length);
    expect(el.hasState('empty')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows the configured items in the configured order, and follows a new configuration', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, clock, offer.id);
    el.infoItems = ['case:account', 'number', 'type'];
    await el.updateComplete;
    expect(labels(el)).to.deep.equal(['Account', 'Number', 'Type']);
    el.infoItems = ['subject', 'case:*', 'desired-time'];
    await el.updateComplete;
    expect(keys(el)).to.deep.equal(['subject', ...offer.caseData.map((f) => `case:${f.key}`), 'desired-time']);
  });

  it('reads info-items from the attribute: spaces ignored, unknown keys dropped, case keys kept', async () => {
    const { el } = await show(makeInteraction({ instructions: 'Call after 5pm' }), {
      'info-items': ' type ,desired_time,, case:order , instructions, bogus',
    });
    expect(keys(el)).to.deep.equal(['type', 'case:order', 'instructions']);
    expect(infoItemsConverter.fromAttribute!(null, undefined)).to.deep.equal(['desired-time', 'type', 'number', 'instructions', 'case:*']);
    expect(infoItemsConverter.fromAttribute!('case:, case:*', undefined)).to.deep.equal(['case:*']);
  });

  it("applies the administrator's header colour from --cb-callback-info-header-color", async () => {
    const { el } = await show(makeInteraction());
    const header = root(el).querySelector<HTMLElement>('[part=header]')!;
    const before = getComputedStyle(header).backgroundColor;
    el.style.setProperty('--cb-callback-info-header-color', 'rgb(120, 20, 60)');
    el.style.setProperty('--cb-callback-info-header-text-color', 'rgb(255, 255, 255)');
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(120, 20, 60)');
    expect(getComputedStyle(header).color).to.equal('rgb(255, 255, 255)');
    expect(before).to.not.equal('rgb(120, 20, 60)');
    await expect(el).to.be.accessible();
  });

  it('desired time: the agent time, and the contact time when their zone differs', async () => {
    const { el } = await show(
      makeInteraction({ desiredTime: T0 + 30 * 60_000, contact: { name: 'Kenji Sato', phone: '+81 3-1234-5678', timeZone: 'Asia/Tokyo' } }),
      { 'info-items': 'desired-time' },
    );
    const dd = value(el, 'desired-time')!;
    expect(dd.textContent).to.match(/\d{1,2}:\d{2}/);
    if (Intl.DateTimeFormat().resolvedOptions().timeZone !== 'Asia/Tokyo') expect(dd.textContent).to.match(/contact: 12:30\s?AM (GMT\+9|JST)/);
  });

  it('type, number, instructions and subject as text', async () => {
    const { el } = await show(makeInteraction({ callbackType: 'preview', subject: 'Refund', instructions: 'Line one\nLine two' }), {
      'info-items': 'type,number,instructions,subject',
    });
    expect(labels(el)).to.deep.equal(['Type', 'Number', 'Instructions', 'Subject']);
    expect(value(el, 'type')!.textContent).to.equal('Delayed (agent preview)');
    expect(value(el, 'number')!.textContent).to.equal('+34 912 34 56 78');
    expect(value(el, 'subject')!.textContent).to.equal('Refund');
    // Line breaks in the instructions show as line breaks.
    expect(getComputedStyle(value(el, 'instructions')!).whiteSpace).to.equal('pre-line');
  });

  it("contact local time: the contact's clock, kept current", async () => {
    const { el, clock } = await show(makeInteraction({ contact: { name: 'Kenji', phone: '+81 3-1234-5678', timeZone: 'Asia/Tokyo' } }), {
      'info-items': 'contact-local-time',
    });
    expect(labels(el)).to.deep.equal(['Contact local time']);
    // T0 is 15:00 UTC: midnight in Tokyo.
    expect(value(el, 'contact-local-time')!.textContent).to.match(/^12:00\s?AM (GMT\+9|JST)$/);
    clock.advance(60_000);
    await el.updateComplete;
    expect(value(el, 'contact-local-time')!.textContent).to.match(/^12:01\s?AM/);
  });

  it('former attempts as a list (time, number, result) and the last result', async () => {
    const attempts = [
      { at: T0 - 20 * 60_000, number: '+34 912 345 678', result: 'busy' as const },
      { at: T0 - 5 * 60_000, number: '+34 600 000 001', result: 'no-answer' as const },
    ];
    const { el } = await show(makeInteraction({ channel: 'web-callback', attempts }), { 'info-items': 'former-attempts,last-result' });
    expect(labels(el)).to.deep.equal(['Former attempts', 'Result']);
    const items = [...value(el, 'former-attempts')!.querySelectorAll('ol > li')].map((li) => li.textContent!);
    expect(items).to.have.length(2);
    expect(items[0]).to.match(/\d{1,2}:\d{2}.*\+34 912 34 56 78.*Busy/);
    expect(items[1]).to.match(/\d{1,2}:\d{2}.*\+34 600 00 00 01.*No answer/);
    expect(value(el, 'last-result')!.textContent).to.equal('No answer');
    await expect(el).to.be.accessible();
  });

  it('follows the interaction on the adapter: a failed dial attempt appears as it happens', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('web-callback-no-answer-first');
    await cc.accept(offer.id);
    const el = await mount(cc, clock, offer.id);
    el.infoItems = ['subject', 'former-attempts', 'last-result'];
    await el.updateComplete;
    expect(keys(el)).to.deep.equal(['subject']);
    await cc.dial({ number: offer.contact.phone, interactionId: offer.id });
    clock.advance(60_000);
    await el.updateComplete;
    expect(keys(el)).to.deep.equal(['subject', 'former-attempts', 'last-result']);
    expect(value(el, 'last-result')!.textContent).to.equal('No answer');
  });

  it('renders hostile caller data as text: no element is created from it', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('hostile-data');
    const el = await mount(cc, clock, offer.id);
    el.infoItems = ['subject', 'instructions', 'case:*'];
    await el.updateComplete;
    const tags = new Set([...root(el).querySelectorAll('*')].map((e) => e.localName));
    expect([...tags].sort()).to.deep.equal(['dd', 'div', 'dl', 'dt', 'section']);
    expect(value(el, 'subject')!.textContent).to.equal('<img src=x onerror=alert(1)>');
    expect(labels(el)).to.include('<i>label</i>');
    expect(shadowText(el)).to.include('<script>alert("instructions")</script>');
    expect(shadowText(el)).to.include('<a href="https://evil.example">click</a>');
    await expect(el).to.be.accessible();
  });

  it('empty state: no interaction, and an interaction with nothing to show', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    expect(root(el).querySelectorAll('dl').length).to.equal(0);
    expect(root(el).querySelector('[part=empty]')!.textContent!.trim()).to.equal('No callback selected.');
    expect(el.hasState('empty')).to.equal(true);
    await expect(el).to.be.accessible();
    el.interaction = makeInteraction({ attempts: [] });
    el.infoItems = ['subject', 'former-attempts'];
    await el.updateComplete;
    expect(root(el).querySelectorAll('dl').length).to.equal(0);
    expect(root(el).querySelector('[part=empty]')!.textContent!.trim()).to.equal('No callback information to show.');
    expect(el.hasState('empty')).to.equal(true);
    await expect(el).to.be.accessible();
    el.infoItems = ['number'];
    await el.updateComplete;
    expect(root(el).querySelectorAll('[part=empty]').length).to.equal(0);
    expect(el.hasState('empty')).to.equal(false);
  });

  it('an explicit interaction wins over interaction-id', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate');
    const el = await mount(cc, clock, offer.id);
    el.interaction = makeInteraction({ contact: { name: 'Shown As Is', phone: '+1 202 555 0100' } });
    await el.updateComplete;
    expect(value(el, 'number')!.textContent).to.equal('+1 202 555 0100');
    el.interaction = undefined;
    await el.updateComplete;
    expect(value(el, 'number')!.textContent).to.equal(formatPhone(offer.contact.phone));
  });

  it('gets its adapter and clock from a <callback-provider>', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('scheduled');
    const provider = await fixture(html`<callback-provider .callbackAdapter=${cc} .clock=${clock}>
      <callback-info interaction-id=${offer.id}></callback-info>
    </callback-provider>`);
    const el = provider.querySelector('callback-info')!;
    await el.updateComplete;
    expect(value(el, 'type')!.textContent).to.equal('Scheduled');
  });

  it('sets the heading level', async () => {
    const { el } = await show(makeInteraction(), { 'heading-level': '2' });
    expect(root(el).querySelector('[role=heading]')!.getAttribute('aria-level')).to.equal('2');
  });

  it('leaves no timer or subscription behind after connect/disconnect cycles', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate', { contact: { timeZone: 'Asia/Tokyo' } });
    let live = 0;
    const onInteraction = cc.onInteraction.bind(cc);
    cc.onInteraction = (listener) => {
      live++;
      const off = onInteraction(listener);
      let done = false;
      return () => {
        if (!done) live--;
        done = true;
        off();
      };
    };
    const baseline = clock.pendingTimers;
    const el = await mount(cc, clock, offer.id);
    el.infoItems = ['contact-local-time', 'number'];
    await el.updateComplete;
    expect(live).to.equal(1);
    expect(clock.pendingTimers).to.equal(baseline + 1);
    const parent = el.parentElement!;
    for (let i = 0; i < 30; i++) {
      el.remove();
      parent.append(el);
      await el.updateComplete;
    }
    expect(live).to.equal(1);
    expect(clock.pendingTimers).to.equal(baseline + 1);
    el.remove();
    expect(live).to.equal(0);
    expect(clock.pendingTimers).to.equal(baseline);
  });
});
