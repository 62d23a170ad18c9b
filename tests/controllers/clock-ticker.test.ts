import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CountdownController, DurationController } from '../../src/controllers/clock-ticker.js';
import { ManualClock } from '../../src/model/clock.js';
import '../helpers/lit-warnings.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));

class TickerHost extends LitElement {
  deadline: number | undefined;
  since: number | undefined;
  zeroCount = 0;
  renders = 0;
  countdown = new CountdownController(this, () => ({ clock, deadline: this.deadline }), () => this.zeroCount++);
  duration = new DurationController(this, () => ({ clock, since: this.since }));
  protected override render() {
    this.renders++;
    return html`${this.countdown.remainingSeconds}|${Math.floor(this.duration.elapsedMs / 1000)}`;
  }
}
customElements.define('ticker-host', TickerHost);

describe('countdown and duration controllers', () => {
  it('counts down each second on the injected clock and calls onZero once', async () => {
    const el = await fixture<TickerHost>(html`<ticker-host></ticker-host>`);
    el.deadline = clock.now() + 2500;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('3|');
    clock.advance(500);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('2|');
    clock.advance(2000);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('0|');
    expect(el.zeroCount).to.equal(1);
    clock.advance(5000);
    await el.updateComplete;
    expect(el.zeroCount).to.equal(1);
    expect(clock.pendingTimers).to.equal(0);
  });

  it('runs a duration while `since` is set and stops when cleared', async () => {
    const el = await fixture<TickerHost>(html`<ticker-host></ticker-host>`);
    el.since = clock.now();
    el.requestUpdate();
    await el.updateComplete;
    clock.advance(65_000);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('0|65');
    el.since = undefined;
    el.requestUpdate();
    await el.updateComplete;
    expect(clock.pendingTimers).to.equal(0);
  });

  it('leaves no timer behind after many connects and disconnects', async () => {
    const el = await fixture<TickerHost>(html`<ticker-host></ticker-host>`);
    el.deadline = clock.now() + 60_000;
    el.since = clock.now();
    el.requestUpdate();
    await el.updateComplete;
    expect(clock.pendingTimers).to.equal(2);
    const parent = el.parentElement!;
    for (let i = 0; i < 50; i++) {
      el.remove();
      parent.append(el);
      await el.updateComplete;
    }
    expect(clock.pendingTimers).to.equal(2);
    el.remove();
    expect(clock.pendingTimers).to.equal(0);
  });
});
