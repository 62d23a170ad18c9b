import { expect } from '@open-wc/testing';
import { WorkspaceCallbackAdapter, WorkspaceDirectoryAdapter, type WorkspaceCallbackOptions } from '../../src/adapters/workspace/index.js';
import { runCallbackContract } from './contract/callback-contract.js';
import { runDirectoryContract } from './contract/directory-contract.js';
import { gmsAdapter, KNOWN_DISPOSITION } from './gms-harness.js';
import { rejectionOf } from '../helpers/wait.js';
import { advance, agentOptions, control, offerCallback, workspaceCallbackHarness, workspaceDirectoryHarness } from './workspace-harness.js';

runCallbackContract('WorkspaceCallbackAdapter, GMS composed in (both contract servers over HTTP; CometD)', workspaceCallbackHarness);
runDirectoryContract('WorkspaceDirectoryAdapter (Workspace API contract server)', workspaceDirectoryHarness);

describe('WorkspaceCallbackAdapter: what reaches the Workspace API', () => {
  let adapter: WorkspaceCallbackAdapter;
  let dn: string;
  let dispose: () => Promise<void>;

  const setUp = async (options: Partial<WorkspaceCallbackOptions> = {}) => {
    const { adapter: gms } = await gmsAdapter();
    const agent = await agentOptions();
    dn = agent.options.dn;
    adapter = new WorkspaceCallbackAdapter({ ...agent.options, scheduler: gms, dispositions: [KNOWN_DISPOSITION], ...options });
    await adapter.register();
    dispose = async () => {
      await adapter.dispose();
      gms.dispose();
    };
  };
  afterEach(() => dispose());

  /** The call on the server, with its user data and what its far end saw. */
  const onServer = (callId: string) =>
    control<{ state: string; userData: { key: string; value: string }[]; far: { transferredTo?: string } }>('call', { id: adapter.telephony.connIdOf(callId) });
  const userData = async (callId: string) => Object.fromEntries((await onServer(callId)).userData.map((p) => [p.key, p.value]));

  it('offers a ringing call whose user data carries the GMS keys, with the callback information', async () => {
    await setUp();
    const offered = await offerCallback(adapter, dn, 'voice');
    expect(offered).to.include({ channel: 'voice', state: 'offered' });
    expect(offered.contact.name).to.equal('Margaret Chen');
    expect(offered.callId, 'the offer is the ringing call').to.be.a('string');
    expect(adapter.getCall(offered.callId!)?.state).to.equal('ringing');
  });

  it('Accept answers the call; disposition and notes go to its user data; Mark done releases and completes it', async () => {
    await setUp();
    const offered = await offerCallback(adapter, dn, 'voice');
    const accepted = await adapter.accept(offered.id);
    expect(accepted.state).to.equal('connected');
    const callId = offered.callId!;
    expect((await onServer(callId)).state).to.equal('Established');

    await adapter.setDisposition(offered.id, KNOWN_DISPOSITION);
    await adapter.addNote(offered.id, 'Asked for a credit note.');
    await adapter.addNote(offered.id, 'Will call back on Monday.');
    expect(await userData(callId)).to.include({ DispositionCode: KNOWN_DISPOSITION.code, Comment: 'Asked for a credit note.\nWill call back on Monday.' });

    const done = await adapter.markDone(offered.id, { note: 'Done.' });
    expect(done.state).to.equal('done');
    const call = await onServer(callId);
    expect(call.state, 'released and completed').to.equal('Completed');
    expect(Object.fromEntries(call.userData.map((p) => [p.key, p.value])).Comment).to.equal('Asked for a credit note.\nWill call back on Monday.\nDone.');
  });

  it('an unknown disposition is refused before anything is written', async () => {
    await setUp();
    const offered = await offerCallback(adapter, dn, 'voice');
    await adapter.accept(offered.id);
    await rejectionOf(adapter.setDisposition(offered.id, { code: 'NO-SUCH', label: 'x' }), 'invalid-input');
    expect(await userData(offered.callId!)).not.to.have.property('DispositionCode');
  });

  it('the user data keys are configurable', async () => {
    await setUp({ userDataKeys: { disposition: 'CB_Outcome', note: 'CB_Note' } });
    const offered = await offerCallback(adapter, dn, 'voice');
    await adapter.accept(offered.id);
    await adapter.markDone(offered.id, { disposition: KNOWN_DISPOSITION, note: 'Sorted.' });
    expect(await userData(offered.callId!)).to.include({ CB_Outcome: KNOWN_DISPOSITION.code, CB_Note: 'Sorted.' });
  });

  it('Reject releases the ringing call; with rejectTo it redirects it there', async () => {
    await setUp();
    const released = await offerCallback(adapter, dn, 'voice');
    await adapter.reject(released.id);
    expect((await onServer(released.callId!)).state).to.equal('Released');
    expect((await onServer(released.callId!)).far.transferredTo).to.equal(undefined);
    await dispose();

    await setUp({ rejectTo: '8200' });
    const redirected = await offerCallback(adapter, dn, 'voice');
    const after = await adapter.reject(redirected.id);
    expect(after.state).to.not.equal('offered');
    expect((await onServer(redirected.callId!)).far.transferredTo).to.equal('8200');
  });

  it('Ready and Not Ready with a reason code and a work mode follow DnStateChanged', async () => {
    await setUp();
    expect(await adapter.notReadyReasons()).to.deep.include({ code: '100', label: 'Lunch' });
    await adapter.setReadyState('voice', 'ready');
    expect(await control('agent', { dn })).to.include({ agentState: 'Ready' });
    await adapter.setNotReady({ reasonCode: '110', workMode: 'AuxWork' });
    expect(adapter.getReadyState('voice')).to.equal('not-ready');
    expect(adapter.agentState()).to.deep.equal({ state: 'not-ready', workMode: 'AuxWork', reasonCode: '110', dnd: false });
    expect(await control('agent', { dn })).to.include({ agentState: 'NotReady', reasonCode: '110', agentWorkMode: 'AuxWork' });
    await rejectionOf(adapter.setNotReady({ reasonCode: '999' }), 'invalid-input');
    await adapter.setNotReady({ workMode: 'AfterCallWork' });
    expect(adapter.agentState()).to.include({ workMode: 'AfterCallWork' });
    await adapter.setDoNotDisturb(true);
    expect(adapter.agentState().dnd).to.equal(true);
  });

  it('the configuration gives the disposition codes', async () => {
    await setUp();
    const directory = new WorkspaceDirectoryAdapter(adapter.telephony.session);
    expect((await directory.dispositionCodes()).map((d) => d.code)).to.include.members(['resolved', 'no-answer']);
    const targets = await directory.searchTargets({ text: 'billing', limit: 10 });
    expect(targets.find((t) => t.kind === 'queue')).to.include({ address: '8100', waiting: 3 });
    expect((await directory.searchTargets({ text: 'ana' }))[0]).to.include({ kind: 'agent', address: '7001', availability: 'ready' });
  });

  it("a contact's interaction history comes from UCS", async () => {
    await setUp();
    const directory = new WorkspaceDirectoryAdapter(adapter.telephony.session);
    expect(await directory.contactHistory('C-1')).to.deep.equal([
      { id: 'IXN-1', media: 'voice', subject: 'Invoice 42', startedAt: Date.UTC(2026, 10, 20, 10), status: 'Done', comment: 'Promised a credit note' },
    ]);
    await rejectionOf(directory.contactHistory('no-such-contact'), 'not-found');
  });
});

describe('WorkspaceCallbackAdapter: web callbacks as workitems', () => {
  let adapter: WorkspaceCallbackAdapter;
  let dn: string;
  let inFlight: () => number;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    const { adapter: gms } = await gmsAdapter();
    const agent = await agentOptions();
    dn = agent.options.dn;
    inFlight = agent.inFlight;
    adapter = new WorkspaceCallbackAdapter({ ...agent.options, scheduler: gms, dispositions: [KNOWN_DISPOSITION] });
    await adapter.register();
    dispose = async () => {
      await adapter.dispose();
      gms.dispose();
    };
  });
  afterEach(() => dispose());

  /** The workitem on the server that carries the callback `interactionId`. */
  const workitem = async (interactionId: string) => {
    const items = await control<{ state: string; userData: { key: string; value: string }[] }[]>('workitems', { dn });
    const item = items.find((w) => w.userData.some((p) => p.key === '_CB_SERVICE_ID' && p.value === interactionId));
    expect(item, `the workitem of ${interactionId}`).to.not.equal(undefined);
    return { ...item!, data: Object.fromEntries(item!.userData.map((p) => [p.key, p.value])) };
  };

  it('accept, the preview Call through the voice channel, disposition and note in the workitem, Done completes both', async () => {
    const offered = await offerCallback(adapter, dn, 'web-callback');
    expect(offered).to.include({ channel: 'web-callback', state: 'offered' });
    const accepted = await adapter.accept(offered.id);
    expect(accepted.state).to.equal('ready-to-call');
    expect((await workitem(offered.id)).state).to.equal('Processing');

    const call = await adapter.dial({ number: offered.contact.phone, interactionId: offered.id });
    expect(call.state).to.equal('dialing');
    await advance({ dn, call: (id) => adapter.telephony.getCall(id), inFlight }, 1_000);
    expect(adapter.getInteraction(offered.id)?.state).to.equal('connected');
    await adapter.hangUp(call.id);

    await adapter.setDisposition(offered.id, KNOWN_DISPOSITION);
    await adapter.markDone(offered.id, { note: 'Called, sorted.' });
    const item = await workitem(offered.id);
    expect(item.state).to.equal('Completed');
    expect(item.data).to.include({ DispositionCode: KNOWN_DISPOSITION.code, Comment: 'Called, sorted.' });
    const voice = await control<{ state: string; userData: { key: string; value: string }[] }>('call', { id: adapter.telephony.connIdOf(call.id) });
    expect(voice.state).to.equal('Completed');
  });

  it('Done without calling completes the workitem; Reject sends another one back', async () => {
    const first = await offerCallback(adapter, dn, 'web-callback');
    await adapter.accept(first.id);
    await adapter.markDone(first.id);
    expect((await workitem(first.id)).state).to.equal('Completed');

    const second = await offerCallback(adapter, dn, 'web-callback');
    await adapter.reject(second.id);
    expect((await workitem(second.id)).state, 'back to routing').to.equal('Rejected');
    expect(adapter.getInteraction(second.id)?.state).to.equal('rejected');
  });

  it('Ready on the web callback channel is the agent media state', async () => {
    await adapter.setReadyState('web-callback', 'ready');
    expect(await control('media-state', { dn })).to.deep.equal({ workitem: 'Ready' });
    expect(adapter.getReadyState('web-callback')).to.equal('ready');
  });
});
