import { expect } from '@open-wc/testing';
import { LifetimeScope } from '../../src/controllers/lifetime-scope.js';
import { ManualClock } from '../../src/model/clock.js';

/** A subscription source that counts its live subscribers, as an adapter's `on*` would hold them. */
function source() {
  let live = 0;
  return {
    get live() {
      return live;
    },
    on() {
      live++;
      let on = true;
      return () => {
        if (on) live--;
        on = false;
      };
    },
  };
}

describe('LifetimeScope: one lifetime for what a controller takes', () => {
  it('takes subscriptions only while open and releases them when it closes', () => {
    const scope = new LifetimeScope();
    const events = source();
    scope.subscribe(() => events.on());
    expect(events.live, 'never opened: refused').to.equal(0);
    expect(scope.active).to.equal(false);
    expect(scope.signal.aborted).to.equal(true);

    expect(scope.open()).to.equal(true);
    scope.subscribe(() => events.on());
    scope.subscribe(() => events.on());
    expect(events.live).to.equal(2);
    const { signal } = scope;
    scope.close();
    expect(events.live).to.equal(0);
    expect(signal.aborted).to.equal(true);

    scope.subscribe(() => events.on());
    expect(events.live, 'closed: refused').to.equal(0);
  });

  it('ends the lifetime before when it opens again', () => {
    const scope = new LifetimeScope();
    const events = source();
    scope.open();
    scope.subscribe(() => events.on());
    scope.open();
    expect(events.live).to.equal(0);
    scope.subscribe(() => events.on());
    expect(events.live).to.equal(1);
    scope.close();
    expect(events.live).to.equal(0);
  });

  it('a child lives within its parent: it cannot open while the parent is closed, and closes with it', () => {
    const parent = new LifetimeScope();
    const child = new LifetimeScope(parent);
    const events = source();
    expect(child.open(), 'parent closed').to.equal(false);
    child.subscribe(() => events.on());
    expect(events.live).to.equal(0);

    parent.open();
    expect(child.open()).to.equal(true);
    child.subscribe(() => events.on());
    parent.subscribe(() => events.on());
    expect(events.live).to.equal(2);
    parent.close();
    expect(child.active).to.equal(false);
    expect(events.live).to.equal(0);

    // A child reopened many times within one parent lifetime releases each time.
    parent.open();
    for (let i = 0; i < 100; i++) {
      child.open();
      child.subscribe(() => events.on());
    }
    expect(events.live).to.equal(1);
    parent.close();
    expect(events.live).to.equal(0);
  });

  it('releases at once what a subscription that ended its own lifetime returned', () => {
    const scope = new LifetimeScope();
    const events = source();
    scope.open();
    scope.subscribe(() => {
      const off = events.on();
      scope.close();
      return off;
    });
    expect(events.live).to.equal(0);
  });

  it('timers: cleared on close, never set while closed, gone once fired', () => {
    const clock = new ManualClock();
    const scope = new LifetimeScope();
    let fired = 0;
    scope.timeout(clock, () => fired++, 1000);
    expect(clock.pendingTimers, 'closed: no timer').to.equal(0);

    scope.open();
    scope.timeout(clock, () => fired++, 1000);
    scope.timeout(clock, () => fired++, 2000);
    expect(clock.pendingTimers).to.equal(2);
    clock.advance(1000);
    expect(fired).to.equal(1);
    scope.close();
    expect(clock.pendingTimers).to.equal(0);
    clock.advance(5000);
    expect(fired).to.equal(1);
  });

  it('listeners: added with its signal, for the lifetime only', () => {
    const target = new EventTarget();
    const scope = new LifetimeScope();
    let heard = 0;
    target.addEventListener('ping', () => heard++, { signal: scope.signal });
    target.dispatchEvent(new Event('ping'));
    expect(heard, 'closed: not added').to.equal(0);

    scope.open();
    target.addEventListener('ping', () => heard++, { signal: scope.signal });
    target.dispatchEvent(new Event('ping'));
    expect(heard).to.equal(1);
    scope.close();
    target.dispatchEvent(new Event('ping'));
    expect(heard).to.equal(1);
  });
});
