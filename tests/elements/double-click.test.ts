import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { ACTION_CASES, forgetDrafts, spy, type ActionCase, type Arranged } from '../helpers/action-cases.js';
import { setup as previewSetup, root as previewRoot, inner, current } from '../helpers/callback-preview.js';
import { clearNoteDraft } from '../../src/elements/interaction-note/note-drafts.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/**
 * Double and rapid clicks on every action perform it once: the adapter method is called once and
 * its outcome (a history entry, a state change) happens once. DTMF is the exception by nature:
 * each key pressed is a digit, so two presses are two digits.
 */

const LATENCY = 200;

/** What pressing once more looks like: the same button, or, after a popup pick, its toolbar button. */
function again(c: ActionCase, a: Arranged): void {
  if (c.panel) c.control(a)?.click();
  else c.gesture(a);
}

async function arrangeSlow(c: ActionCase) {
  const a = await c.arrange();
  await c.prepare(a);
  // The request is out for a while on the manual clock: the later clicks land while it travels.
  a.cc.latencyMs = LATENCY;
  const calls = spy(a.cc, c.op);
  return { a, calls };
}

async function land(a: Arranged) {
  await settled(a.el);
  a.clock.advance(LATENCY);
  await settled(a.el);
}

afterEach(forgetDrafts);

describe('double and rapid clicks perform an action once', () => {
  for (const c of ACTION_CASES.filter((x) => x.action !== 'dtmf')) {
    it(`${c.action}: two clicks in the same task → one ${c.op}, one outcome`, async () => {
      const { a, calls } = await arrangeSlow(c);
      c.gesture(a);
      again(c, a);
      // Some actions check a phone number before calling the adapter: let every click get that far.
      await waitUntil(() => calls.calls > 0, `${c.op} never called`, { timeout: 5000 });
      await aTimeout(50);
      await land(a);
      await waitUntil(() => c.outcomes(a) > 0, `${c.action} never happened`, { timeout: 5000 });
      await aTimeout(50);
      await land(a);
      expect(calls.calls, `${c.op} calls`).to.equal(1);
      expect(c.outcomes(a), 'outcomes').to.equal(1);
    });

    it(`${c.action}: five rapid clicks, each its own task → one ${c.op}, one outcome`, async () => {
      const { a, calls } = await arrangeSlow(c);
      c.gesture(a);
      for (let i = 0; i < 4; i++) {
        await aTimeout(10);
        again(c, a);
      }
      await waitUntil(() => calls.calls > 0, `${c.op} never called`, { timeout: 5000 });
      await aTimeout(50);
      await land(a);
      await waitUntil(() => c.outcomes(a) > 0, `${c.action} never happened`, { timeout: 5000 });
      await aTimeout(50);
      await land(a);
      expect(calls.calls, `${c.op} calls`).to.equal(1);
      expect(c.outcomes(a), 'outcomes').to.equal(1);
      const alert = a.el.shadowRoot!.querySelector<HTMLElement>('[role=alert]:not([hidden])');
      expect(alert?.textContent?.trim() ?? '', 'no error from the extra clicks').to.equal('');
    });
  }

  it('dtmf: a key pressed twice is two digits, each sent once', async () => {
    const c = ACTION_CASES.find((x) => x.action === 'dtmf')!;
    const { a } = await arrangeSlow(c);
    c.gesture(a);
    c.gesture(a);
    await land(a);
    await land(a);
    await land(a);
    const interaction = a.cc.getInteraction(a.id!)!;
    expect(a.cc.farEnd(interaction.callId!).digits).to.equal('55');
    const logged = interaction.history.flatMap((h) => (h.kind === 'dtmf' ? [h.digits] : [])).join('');
    expect(logged, 'two digits logged (masked by default)').to.equal('••');
  });

  it('standard responses: a double click on "Insert into note" inserts the text once', async () => {
    const s = await previewSetup({ regions: 'responses, note' });
    const responses = inner(s.el, 'standard-responses')!;
    const search = responses.querySelector<HTMLInputElement>('#search')!;
    search.value = 'greeting';
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    s.clock.advance(200);
    await settled(s.el);
    await waitUntil(() => responses.querySelector('[part=option]'), 'results', { timeout: 3000 });
    responses.querySelector<HTMLElement>('[part=option]')!.click();
    await settled(s.el);
    const insert = responses.querySelector<HTMLButtonElement>('[part=insert-button]')!;
    // What a browser sends for a double click: two clicks, the second with detail 2.
    insert.dispatchEvent(new MouseEvent('click', { detail: 1, bubbles: true, composed: true }));
    insert.dispatchEvent(new MouseEvent('click', { detail: 2, bubbles: true, composed: true }));
    await settled(s.el);
    const note = previewRoot(s.el).querySelector('interaction-note')!;
    const body = 'Hello, this is your callback from Northwind Bank. Is now still a good time to talk?';
    expect(note.value).to.equal(body);
    // A deliberate second insert (a separate click) still inserts again: that is the agent's choice.
    insert.dispatchEvent(new MouseEvent('click', { detail: 1, bubbles: true, composed: true }));
    await settled(s.el);
    expect(note.value.split(body).length - 1, 'two inserts').to.equal(2);
    expect(current(s).history.some((h) => h.kind === 'note'), 'inserting saves nothing').to.equal(false);
    clearNoteDraft(s.id, undefined, s.cc);
  });
});
