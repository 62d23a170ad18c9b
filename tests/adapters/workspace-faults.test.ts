import { expect } from '@open-wc/testing';
import type { CallInfo, RegistrationStatus } from '../../src/adapters/telephony-adapter.js';
import { recordEmitted } from '../helpers/events.js';
import { rejectionOf, waitFor } from '../helpers/wait.js';
import { control, NUMBERS, requestLog, scriptFailure, workspaceAdapter, type WorkspaceSetup } from './workspace-harness.js';

// The Workspace adapter against the contract server's faults: an expired token, a dropped CometD
// connection, writes whose answer is late or lost, server errors.
describe('WorkspaceTelephonyAdapter: faults', () => {
  let s: WorkspaceSetup;
  let calls: { values: CallInfo[]; stop: () => void };

  beforeEach(async () => {
    await control('reset');
    // A request's deadline is 1.5 s, which a loaded browser meets; the late answers below come after 2 s.
    s = await workspaceAdapter({ timeoutMs: 1_500, confirmTimeoutMs: 1_000 });
    await s.adapter.register();
    calls = recordEmitted<CallInfo>((l) => s.adapter.onCall(l));
  });
  afterEach(async () => {
    calls.stop();
    await control('reset');
    await s.adapter.dispose();
  });

  /** An inbound call, answered. */
  const answeredCall = async (): Promise<CallInfo> => {
    const { id } = await control<{ id: string }>('ring', { dn: s.dn, from: NUMBERS.answers });
    await waitFor(`call ${id} rings`, () => s.adapter.getCall(id));
    return s.adapter.answer(id);
  };
  const mine = async (path: RegExp) => (await requestLog()).filter((r) => r.session !== null && path.test(r.path));
  const times = (id: string, state: string) => calls.values.filter((c) => c.id === id && c.state === state).length;

  it('a 401 (the token expired) asks the host for a new token, initializes again and carries the action out once', async () => {
    const call = await answeredCall();
    expect(s.tokens()).to.equal(1);
    await control('expire-token', { dn: s.dn });
    const held = await s.adapter.hold(call.id);
    expect(held.state).to.equal('held');
    expect(s.tokens(), 'the token function was called again').to.equal(2);
    const inits = (await requestLog()).filter((r) => r.path === '/initialize-workspace');
    expect(inits.map((r) => r.authorization).slice(-2)).to.deep.equal([`Bearer token-${s.dn}-1`, `Bearer token-${s.dn}-2`]);
    expect((await control<{ far: { held: boolean } }>('call', { id: call.id })).far.held).to.equal(true);
    expect(s.adapter.status()).to.equal('registered');
    // The notifications come through the new session.
    await control('hangup', { id: call.id });
    await waitFor('the far end hanging up is heard', () => s.adapter.getCall(call.id)?.state === 'ended');
    expect(times(call.id, 'held'), 'held once').to.equal(1);
  });

  it('a dropped CometD connection: handshakes again, reads back what it missed, doubles nothing', async function () {
    // CometD waits out its back-off (1 s, then 2 s) before each new handshake.
    this.timeout(30_000);
    const statuses = recordEmitted<RegistrationStatus>((l) => s.adapter.onStatus(l));
    const call = await answeredCall();
    // The first handshake after the drop fails too, so the changes below happen while nothing listens.
    await scriptFailure({ notifications: true, path: 'handshake', drop: true, times: 1 });
    await control('drop-notifications', { dn: s.dn });
    await control('hangup', { id: call.id });
    const { id: ringing } = await control<{ id: string }>('ring', { dn: s.dn, from: NUMBERS.busy });
    await waitFor('back and caught up', () => s.adapter.status() === 'registered' && s.adapter.getCall(ringing), { timeout: 20_000 });
    expect(statuses.values).to.include('reconnecting');
    expect(s.adapter.getCall(call.id)).to.include({ state: 'ended', endedBy: 'remote' });
    expect(s.adapter.getCall(ringing)).to.include({ state: 'ringing', remote: NUMBERS.busy });
    // Notifications flow again, and what was read back is not published twice.
    await s.adapter.answer(ringing);
    expect(times(call.id, 'ended')).to.equal(1);
    expect(times(ringing, 'ringing')).to.equal(1);
    expect(times(ringing, 'connected')).to.equal(1);
    expect((await mine(/^\/voice\/calls$/)).length, 'read back').to.be.greaterThan(0);
  });

  it('a dropped CometD connection whose first two handshakes fail too: reconnecting until the third, then caught up', async function () {
    // CometD's back-off: 1 s, then 2 s, then 3 s.
    this.timeout(30_000);
    const statuses = recordEmitted<RegistrationStatus>((l) => s.adapter.onStatus(l));
    const call = await answeredCall();
    await scriptFailure({ notifications: true, path: 'handshake', drop: true, times: 2 });
    await control('drop-notifications', { dn: s.dn });
    await control('hangup', { id: call.id });
    await waitFor('back and caught up', () => s.adapter.status() === 'registered' && s.adapter.getCall(call.id)?.state === 'ended', { timeout: 20_000 });
    expect(statuses.values, 'reconnecting, then registered once caught up').to.deep.equal(['reconnecting', 'registered']);
    // Notifications flow again.
    const { id } = await control<{ id: string }>('ring', { dn: s.dn, from: NUMBERS.answers });
    await waitFor(`call ${id} rings`, () => s.adapter.getCall(id));
    expect(times(call.id, 'ended')).to.equal(1);
  });

  it('a dropped CometD connection whose re-subscription fails: a new handshake subscribes again, then caught up', async function () {
    this.timeout(30_000);
    const call = await answeredCall();
    // The batch of subscriptions after the new handshake goes to the bare notifications URL.
    await scriptFailure({ notifications: true, path: 'notifications/$', drop: true, times: 1 });
    await control('drop-notifications', { dn: s.dn });
    await control('hangup', { id: call.id });
    await waitFor('back and caught up', () => s.adapter.status() === 'registered' && s.adapter.getCall(call.id)?.state === 'ended', { timeout: 20_000 });
    const { id } = await control<{ id: string }>('ring', { dn: s.dn, from: NUMBERS.answers });
    await waitFor(`call ${id} rings`, () => s.adapter.getCall(id));
    expect(times(call.id, 'ended')).to.equal(1);
  });

  it('a restart of the Workspace API: a new session with a new token, the calls read back', async function () {
    this.timeout(30_000);
    const call = await answeredCall();
    await control('restart');
    await control('hangup', { id: call.id });
    await waitFor('a new session, caught up', () => s.adapter.status() === 'registered' && s.adapter.getCall(call.id)?.state === 'ended', { timeout: 20_000 });
    expect(s.tokens()).to.equal(2);
    expect(times(call.id, 'ended')).to.equal(1);
    // The new session hears the DN's calls.
    const { id } = await control<{ id: string }>('ring', { dn: s.dn, from: NUMBERS.answers });
    await waitFor(`call ${id} rings`, () => s.adapter.getCall(id));
  });

  it('a restart of the Workspace API whose first new session is refused as unavailable: tried again, then caught up', async function () {
    this.timeout(30_000);
    const statuses = recordEmitted<RegistrationStatus>((l) => s.adapter.onStatus(l));
    const call = await answeredCall();
    // A 503, not a drop: the browser may send a dropped request again by itself on a reused socket.
    await scriptFailure({ path: '/initialize-workspace$', status: 503, times: 1 });
    await control('restart');
    await control('hangup', { id: call.id });
    await waitFor('a new session, caught up', () => s.adapter.status() === 'registered' && s.adapter.getCall(call.id)?.state === 'ended', { timeout: 20_000 });
    expect(statuses.values, 'never failed').to.not.include('failed');
    expect((await requestLog()).filter((r) => r.path === '/initialize-workspace').slice(-2).map((r) => r.authorization)).to.deep.equal([
      `Bearer token-${s.dn}-2`,
      `Bearer token-${s.dn}-3`,
    ]);
    const { id } = await control<{ id: string }>('ring', { dn: s.dn, from: NUMBERS.answers });
    await waitFor(`call ${id} rings`, () => s.adapter.getCall(id));
  });

  it('a hold whose answer comes too late is reconciled from its notification: held, sent once', async () => {
    const call = await answeredCall();
    await scriptFailure({ path: '/hold$', apply: true, delayMs: 2_000 });
    const held = await s.adapter.hold(call.id);
    expect(held.state).to.equal('held');
    expect(await mine(/\/hold$/)).to.have.length(1);
    expect(times(call.id, 'held')).to.equal(1);
  });

  it('a hold whose connection dropped before it was carried out fails with network after a read-back; the call stays connected', async () => {
    const call = await answeredCall();
    await scriptFailure({ path: '/hold$', drop: true });
    await rejectionOf(s.adapter.hold(call.id), 'network');
    expect(s.adapter.getCall(call.id)?.state).to.equal('connected');
    expect(await mine(/\/hold$/)).to.have.length(1);
    expect((await s.adapter.hold(call.id)).state, 'safe to try again').to.equal('held');
  });

  it('a hold that can be neither confirmed nor read back is unconfirmed', async () => {
    const call = await answeredCall();
    await scriptFailure({ path: '/hold$', drop: true });
    await scriptFailure({ method: 'GET', path: '/voice/calls$', drop: true, times: 2 });
    await rejectionOf(s.adapter.hold(call.id), 'unconfirmed');
    expect(await mine(/\/hold$/)).to.have.length(1);
  });

  it('a make-call answered late is reconciled: the dialing call, placed once', async () => {
    await scriptFailure({ path: '/voice/make-call$', apply: true, delayMs: 2_000 });
    const call = await s.adapter.dial({ number: NUMBERS.answers });
    expect(call).to.include({ state: 'dialing', remote: NUMBERS.answers });
    expect(await mine(/\/make-call$/)).to.have.length(1);
    expect((await control<{ id: string }[]>('calls', { dn: s.dn })).filter((c) => c.id === call.id)).to.have.length(1);
  });

  it('server errors become AdapterErrors and change nothing', async () => {
    const call = await answeredCall();
    await scriptFailure({ path: '/hold$', status: 500 });
    const error = await rejectionOf(s.adapter.hold(call.id));
    expect(error.retryable).to.equal(true);
    expect(s.adapter.getCall(call.id)?.state).to.equal('connected');
    await scriptFailure({ path: '/hold$', status: 503 });
    await rejectionOf(s.adapter.hold(call.id), 'service-unavailable');
    await rejectionOf(s.adapter.hold('CONN-none'), 'not-found');
  });
});
