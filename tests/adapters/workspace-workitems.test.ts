import { expect } from '@open-wc/testing';
import { WorkspaceCallbackAdapter, type WorkspaceCallbackOptions } from '../../src/adapters/workspace/index.js';
import type { ManualClock } from '../../src/model/clock.js';
import type { Interaction } from '../../src/model/interaction.js';
import { recordEmitted } from '../helpers/events.js';
import { rejectionOf, sleep, waitFor } from '../helpers/wait.js';
import { createOnServer, freshNumber, gmsAdapter, KNOWN_DISPOSITION, routeToAgent } from './gms-harness.js';
import { agentOptions, control, offerCallback, requestLog, scriptFailure } from './workspace-harness.js';

/** Polls an asynchronous condition (a read of the contract server) until it holds. */
async function until(what: string, condition: () => Promise<boolean>, timeout = 9_000): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(50);
  }
}

// Workitems (web callbacks through the Media API) and offers the agent let run out, against the
// Workspace API contract server: what the server ends up holding.
describe('WorkspaceCallbackAdapter: workitems missed and offers run out', () => {
  let adapter: WorkspaceCallbackAdapter;
  let dn: string;
  let clock: ManualClock;
  let offers: { values: Interaction[]; stop: () => void };
  let dispose: () => Promise<void>;

  const setUp = async (options: Partial<WorkspaceCallbackOptions> = {}) => {
    const gms = await gmsAdapter();
    clock = gms.clock;
    const agent = await agentOptions();
    dn = agent.options.dn;
    adapter = new WorkspaceCallbackAdapter({ ...agent.options, scheduler: gms.adapter, dispositions: [KNOWN_DISPOSITION], clock, ...options });
    await adapter.register();
    offers = recordEmitted<Interaction>((l) => adapter.onOffer(l));
    dispose = async () => {
      offers.stop();
      await adapter.dispose();
      gms.adapter.dispose();
    };
  };
  afterEach(async () => {
    await control('reset');
    await dispose();
  });

  /** The workitem on the server that carries the callback `interactionId`. */
  const workitem = async (interactionId: string) => {
    const items = await control<{ id: string; state: string; userData: { key: string; value: string }[] }[]>('workitems', { dn });
    const item = items.find((w) => w.userData.some((p) => p.key === '_CB_SERVICE_ID' && p.value === interactionId));
    expect(item, `the workitem of ${interactionId}`).to.not.equal(undefined);
    return item!;
  };

  it('a workitem routed while CometD is down is offered after the reconnect, once; one taken back meanwhile is withdrawn', async function () {
    // CometD waits out its back-off (1 s, then 2 s) before each new handshake.
    this.timeout(30_000);
    await setUp();
    await control('reset');
    const changes = recordEmitted<Interaction>((l) => adapter.onInteraction(l));
    // Offered before the drop; routing takes it back while nothing listens.
    const taken = await offerCallback(adapter, dn, 'web-callback');
    const takenItem = await workitem(taken.id);
    // The first handshake after the drop fails too: the workitem arrives while nothing listens.
    await scriptFailure({ notifications: true, path: 'handshake', drop: true, times: 1 });
    await control('drop-notifications', { dn });
    await control('workitem-revoke', { id: takenItem.id });
    const id = await createOnServer({ _customer_number: freshNumber(), firstname: 'Margaret', lastname: 'Chen', subject: 'Billing' });
    const data = await routeToAgent(id, { preview: true });
    await control('workitem', { dn, userData: data });
    const offered = await waitFor('the missed workitem is offered', () => adapter.getInteraction(id), { timeout: 20_000 });
    expect(offered).to.include({ channel: 'web-callback', state: 'offered' });
    // The one routing took back is withdrawn with that read, not left offered to the agent.
    await waitFor('the taken-back workitem is withdrawn', () => adapter.getInteraction(taken.id)?.state === 'revoked');
    expect(changes.values.filter((i) => i.id === taken.id).map((i) => i.state)).to.deep.equal(['offered', 'revoked']);
    expect((await requestLog()).some((r) => r.path.endsWith(`/${takenItem.id}/reject`)), 'nothing sent back for it').to.equal(false);
    expect((await requestLog()).some((r) => r.path === '/current-session'), 'read back from the session').to.equal(true);
    // It is the server's workitem: accepting it reaches the server, and it was offered once.
    await adapter.accept(id);
    expect((await workitem(id)).state).to.equal('Processing');
    expect(offers.values.filter((i) => i.id === id)).to.have.length(1);
    // A later drop reads the same workitem back again: not offered a second time.
    await control('drop-notifications', { dn });
    await until('read back again', async () => (await requestLog()).filter((r) => r.path === '/current-session').length >= 2, 20_000);
    expect(offers.values.filter((i) => i.id === id)).to.have.length(1);
  });

  it('a workitem routing takes back (Revoked) while the agent previews it is withdrawn', async () => {
    await setUp();
    const offered = await offerCallback(adapter, dn, 'web-callback');
    const kept = await offerCallback(adapter, dn, 'web-callback');
    await control('workitem-revoke', { id: (await workitem(offered.id)).id });
    await waitFor('the offer is withdrawn', () => adapter.getInteraction(offered.id)?.state === 'revoked');
    expect(adapter.getInteraction(kept.id)?.state, 'the other offer stays').to.equal('offered');
    await rejectionOf(adapter.accept(offered.id), 'invalid-state');
  });

  it('a workitem offer nobody answers in time is rejected on the server (back to routing)', async () => {
    await setUp();
    const offered = await offerCallback(adapter, dn, 'web-callback', { expiresInMs: 5_000 });
    clock.advance(4_000);
    expect((await workitem(offered.id)).state, 'still the agent’s before the timeout').to.equal('Invited');
    clock.advance(1_500);
    expect(adapter.getInteraction(offered.id)?.state).to.equal('expired');
    await until('the workitem goes back to routing', async () => (await workitem(offered.id)).state === 'Rejected');
    const rejects = (await requestLog()).filter((r) => r.path.endsWith('/reject'));
    expect(rejects, 'rejected once').to.have.length(1);
  });

  it('a voice callback offer nobody answers in time is released, or redirected to rejectTo', async () => {
    const onServer = (callId: string) =>
      control<{ state: string; far: { transferredTo?: string } }>('call', { id: adapter.telephony.connIdOf(callId) });
    await setUp();
    const released = await offerCallback(adapter, dn, 'voice', { expiresInMs: 5_000 });
    clock.advance(5_500);
    await until('the call is released', async () => (await onServer(released.callId!)).state === 'Released');
    expect((await onServer(released.callId!)).far.transferredTo).to.equal(undefined);
    expect(adapter.getInteraction(released.id)?.state).to.equal('expired');
    await dispose();

    await setUp({ rejectTo: '8200' });
    const redirected = await offerCallback(adapter, dn, 'voice', { expiresInMs: 5_000 });
    clock.advance(5_500);
    await until('the call is redirected', async () => (await onServer(redirected.callId!)).far.transferredTo === '8200');
  });
});
