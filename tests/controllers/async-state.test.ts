import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AdapterError } from '../../src/adapters/errors.js';
import { AsyncState } from '../../src/controllers/async-state.js';
import { ManualClock } from '../../src/model/clock.js';
import { macrotask } from '../helpers/wait.js';

/** A host that connects and disconnects its controllers by hand and counts update requests. */
class Host implements ReactiveControllerHost {
  readonly #controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.#controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    this.#controllers.forEach((c) => c.hostConnected?.());
  }
  disconnect(): void {
    this.#controllers.forEach((c) => c.hostDisconnected?.());
  }
}
const host = () => new Host();

/** An adapter call answered by hand: every request it received, with its signal and how to answer it. */
function adapterCall<T>() {
  const calls: { arg: string; signal: AbortSignal; resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const task = ([arg]: [string], signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ arg, signal, resolve, reject });
    });
  return { calls, task };
}

describe('AsyncState: one adapter request an element renders', () => {
  it('the latest request wins: the superseded one is aborted and its late answer ignored', async () => {
    const h = host();
    const call = adapterCall<string>();
    const state = new AsyncState<string, [string]>(h, call.task);
    h.connect();

    void state.run(['first']);
    void state.run(['second']);
    expect(call.calls.map((c) => c.arg)).to.deep.equal(['first', 'second']);
    expect(call.calls[0]!.signal.aborted, 'superseded: aborted').to.equal(true);
    expect(call.calls[1]!.signal.aborted).to.equal(false);
    expect(state.status).to.equal('pending');

    call.calls[1]!.resolve('answer to second');
    await macrotask();
    expect(state.status).to.equal('complete');
    expect(state.value).to.equal('answer to second');
    expect(state.answered).to.deep.equal(['second']);

    // The older answer arrives late, and so does a failure of it: both are ignored.
    call.calls[0]!.resolve('answer to first');
    call.calls[0]!.reject(new AdapterError('network', 'late'));
    await macrotask();
    expect(state.value).to.equal('answer to second');
    expect(state.status).to.equal('complete');
    expect(state.error).to.equal(undefined);
  });

  it('sync asks again only when its arguments change, and then aborts the previous request', async () => {
    const h = host();
    const call = adapterCall<string>();
    const state = new AsyncState<string, [string]>(h, call.task);
    h.connect();
    state.sync(['a']);
    state.sync(['a']);
    expect(call.calls.length, 'same arguments: one request').to.equal(1);
    state.sync(['b']);
    expect(call.calls.length).to.equal(2);
    expect(call.calls[0]!.signal.aborted).to.equal(true);
    call.calls[0]!.resolve('A');
    call.calls[1]!.resolve('B');
    await macrotask();
    expect(state.value).to.equal('B');
    state.sync(undefined);
    expect(state.status, 'nothing to ask').to.equal('initial');
    expect(state.value).to.equal(undefined);
  });

  it('shows an error as an AdapterError and clears it on the next success', async () => {
    const h = host();
    const call = adapterCall<string>();
    const errors: AdapterError[] = [];
    const state = new AsyncState<string, [string]>(h, call.task, { onError: (e) => errors.push(e) });
    h.connect();

    void state.run(['x']);
    call.calls[0]!.reject(new TypeError('Failed to fetch'));
    await macrotask();
    expect(state.status).to.equal('error');
    expect(state.error).to.be.instanceOf(AdapterError);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.equal(state.error);

    void state.run(['x']);
    call.calls[1]!.resolve('fine');
    await macrotask();
    expect(state.status).to.equal('complete');
    expect(state.error).to.equal(undefined);
    expect(state.value).to.equal('fine');
    expect(errors, 'one failure heard, once').to.have.length(1);
  });

  it('starts nothing while disconnected, and aborts what is under way when the host leaves', async () => {
    const h = host();
    const call = adapterCall<string>();
    const clock = new ManualClock();
    const state = new AsyncState<string, [string]>(h, call.task);

    // Never connected: nothing asked, nothing waiting.
    void state.run(['a']);
    state.sync(['a']);
    state.debounce(clock, 100, ['a']);
    expect(call.calls).to.have.length(0);
    expect(clock.pendingTimers).to.equal(0);
    expect(state.status).to.equal('initial');

    h.connect();
    state.sync(['a']);
    state.debounce(clock, 100, ['b']);
    expect(call.calls).to.have.length(1);
    h.disconnect();
    expect(call.calls[0]!.signal.aborted, 'left the page: aborted').to.equal(true);
    expect(clock.pendingTimers, 'the pause ends too').to.equal(0);
    expect(state.status, 'a request cut short counts as never asked').to.equal('initial');
    call.calls[0]!.resolve('too late');
    await macrotask();
    expect(state.value).to.equal(undefined);

    // Updates while away ask nothing; coming back asks afresh at the next update.
    state.sync(['a']);
    void state.run(['a']);
    expect(call.calls).to.have.length(1);
    const before = h.updates;
    h.connect();
    expect(h.updates, 'coming back asks for an update').to.be.greaterThan(before);
    state.sync(['a']);
    expect(call.calls).to.have.length(2);
  });

  it('debounce: asks once the pause has passed on the clock, with the last arguments', async () => {
    const h = host();
    const call = adapterCall<string>();
    const clock = new ManualClock();
    const state = new AsyncState<string, [string]>(h, call.task);
    h.connect();
    state.debounce(clock, 300, ['c']);
    clock.advance(200);
    state.debounce(clock, 300, ['ca']);
    clock.advance(200);
    expect(call.calls).to.have.length(0);
    clock.advance(100);
    expect(call.calls.map((c) => c.arg)).to.deep.equal(['ca']);
    expect(clock.pendingTimers).to.equal(0);
  });
});
