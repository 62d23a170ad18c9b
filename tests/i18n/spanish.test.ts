import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import { leaves, loadMessages, shown, strings, type Message } from './i18n-helpers.js';
import '../helpers/lit-warnings.js';

/**
 * The agent's whole experience rendered under `lang="es"`: no English message may be left, and
 * switching the page section to `lang="en"` brings English back on the same elements.
 */

/**
 * Messages that read differently in the two languages and have words of their own to spot
 * (`source`/`target` hold the text around the placeholders only, so "{0}: {1}." has none).
 */
const distinct = (messages: Message[]) =>
  messages.filter((m) => m.source !== m.target && /\p{L}/u.test(m.source) && /\p{L}/u.test(m.target));

async function scene() {
  const clock = new ManualClock();
  const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
  const voice = await cc.offer('delayed');
  await cc.accept(voice.id);
  const callId = cc.getInteraction(voice.id)!.callId!;
  await cc.hold(callId);
  await cc.resume(callId);
  await cc.sendDtmf(callId, '12');
  await cc.addNote(voice.id, 'Prefers mornings');
  const web = await cc.offer('web-callback');
  await cc.accept(web.id);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="es">
    <callback-provider .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}>
      <!-- The desk provides its own adapters to all inside it. -->
      <callback-desk disposition-mode="tree" .callbackAdapter=${cc} .telephonyAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}></callback-desk>
      <callback-preview interaction-id=${web.id}></callback-preview>
      <callback-scheduler time-zone="Europe/Madrid" interaction-id=${voice.id}></callback-scheduler>
      <disposition-picker mode="list" required interaction-id=${voice.id}></disposition-picker>
      <dtmf-keypad interaction-id=${voice.id}></dtmf-keypad>
      <team-communicator></team-communicator>
    </callback-provider>
  </div>`);
  // Offers reach the notification while it listens, like a real offer arriving.
  await cc.offer('immediate');
  const $ = <T extends Element>(selector: string) => wrapper.querySelector<T>(selector)!;
  const desk = $<HTMLElement>('callback-desk');
  const notification = () => desk.shadowRoot?.querySelector('callback-notification')?.shadowRoot ?? null;
  await waitUntil(() => notification()?.querySelector('button.accept'), 'offer shown', { timeout: 5000 });
  await waitUntil(() => desk.shadowRoot!.querySelectorAll('[part=window]').length === 2, 'two interaction windows');
  const scheduler = $<HTMLElement>('callback-scheduler');
  await waitUntil(() => scheduler.shadowRoot!.querySelector('[part=slots]'), 'free times loaded');
  const communicator = $<HTMLElement>('team-communicator');
  const search = communicator.shadowRoot!.querySelector('input')!;
  search.value = 'a';
  search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  clock.advance(1000);
  await waitUntil(() => communicator.shadowRoot!.querySelector('[role=option]'), 'directory results');
  await aTimeout(0);
  // What the contact center says (names, case data, disposition codes, standard responses) is
  // the customer's data, in whatever language the back office wrote it.
  const data = leaves([
    cc.listInteractions(),
    await cc.dispositionCodes(),
    await cc.searchResponses({}),
    await cc.searchTargets({ text: 'a' }),
  ]);
  // A path in the disposition tree ("Sale › Upgrade") is data too.
  const isData = (text: string) => data.has(text) || text.split(' › ').every((part) => data.has(part));
  return { clock, cc, wrapper, desk, notification, scheduler, isData };
}

describe('Spanish (es)', () => {
  it('shows no English message under lang="es", and English again when lang changes at run time', async () => {
    const messages = distinct(await loadMessages());
    const s = await scene();

    const spanish = strings(s.wrapper).filter((t) => !s.isData(t));
    const english = shown(messages, spanish, 'source');
    expect(english.map((m) => `${m.id}: ${m.source}`), 'English left in the Spanish build').to.deep.equal([]);
    const translated = shown(messages, spanish, 'target');
    // The scene must really show the bulk of the interface, or the check above proves nothing.
    expect(translated.length).to.be.greaterThan(80);
    const accept = s.notification()!.querySelector<HTMLButtonElement>('button.accept')!;
    expect(accept.textContent!.trim()).to.equal(messages.find((m) => m.id === 'notification.accept')!.target);

    s.wrapper.setAttribute('lang', 'en');
    await waitUntil(() => accept.textContent!.trim() === 'Accept', 'the same button in English');
    await aTimeout(0);
    const back = strings(s.wrapper).filter((t) => !s.isData(t));
    const leftSpanish = shown(messages, back, 'target');
    expect(leftSpanish.map((m) => `${m.id}: ${m.target}`), 'Spanish left after switching to English').to.deep.equal([]);
    expect(shown(messages, back, 'source').length).to.be.greaterThan(80);
    expect(s.notification()!.querySelector('button.accept') === accept, 'the same element').to.equal(true);

    // Hard-coded text would read the same in both languages: what does must carry no words
    // (times, numbers, digits), or be a word both languages share.
    const shared = new Set(['DTMF', 'SMS', 'Fax']);
    const words = (t: string) => (t.match(/\p{L}{2,}/gu) ?? []).filter((w) => !shared.has(w) && !/^[A-Z]{2,5}$/.test(w));
    const unchanged = [...new Set(spanish.filter((t) => back.includes(t)))].filter((t) => words(t).length);
    expect(unchanged, 'text that did not change language').to.deep.equal([]);
  });

  it('formats dates in Spanish under es and in English after the switch', async () => {
    const s = await scene();
    const legend = () => s.scheduler.shadowRoot!.querySelector('[part=slots] legend')!.textContent!.replace(/\s+/g, ' ');
    const day = (locale: string) =>
      new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Madrid' }).format(s.clock.now());
    expect(day('es')).to.not.equal(day('en'));
    expect(legend()).to.include(day('es'));
    s.wrapper.setAttribute('lang', 'en');
    await waitUntil(() => legend().includes(day('en')), 'English date after the switch');
  });
});
