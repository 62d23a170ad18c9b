import { expect } from '@open-wc/testing';
import { GenesysCloudDirectoryAdapter } from '../../src/adapters/genesys-cloud/index.js';
import { recordEmitted } from '../helpers/events.js';
import { waitFor } from '../helpers/wait.js';
import { runDirectoryContract } from './contract/directory-contract.js';
import { cloudAdapter, cloudUrl, control, freshAgent, type CloudSetup } from './genesys-cloud-harness.js';

runDirectoryContract('GenesysCloudDirectoryAdapter (contract server over HTTP)', async () => {
  const userId = freshAgent();
  const adapter = new GenesysCloudDirectoryAdapter({ baseUrl: await cloudUrl(), userId, accessToken: () => `user:${userId}` });
  return { adapter, contactId: 'ext-margaret', dispose: () => undefined };
});

describe('GenesysCloudDirectoryAdapter: the team communicator', () => {
  it('offers colleagues with their presence, queues and external contacts; never the agent themselves', async () => {
    const userId = freshAgent();
    const adapter = new GenesysCloudDirectoryAdapter({ baseUrl: await cloudUrl(), userId, accessToken: () => `user:${userId}` });
    const all = await adapter.searchTargets({ text: '', limit: 100 });
    expect(all.find((t) => t.id === 'user-ana')).to.deep.include({ kind: 'agent', name: 'Ana Ortega', availability: 'ready' });
    expect(all.find((t) => t.id === 'user-ben')).to.deep.include({ availability: 'not-ready' });
    expect(all.find((t) => t.id === 'user-chloe')).to.deep.include({ availability: 'offline' });
    expect(all.find((t) => t.id === 'queue-support')).to.deep.include({ kind: 'queue', name: 'Support' });
    expect(all.find((t) => t.id === 'ext-oscar')).to.deep.include({ kind: 'contact', address: '+34911234567' });
    expect(all.map((t) => t.id)).not.to.include(userId);
    const without = new GenesysCloudDirectoryAdapter({ baseUrl: await cloudUrl(), userId, accessToken: () => `user:${userId}`, externalContacts: false });
    expect((await without.searchTargets({ text: '', limit: 100 })).filter((t) => t.kind === 'contact')).to.deep.equal([]);
  });
});

describe('GenesysCloudCallbackAdapter: presence as the not-ready reasons', () => {
  let s: CloudSetup;
  afterEach(() => s?.adapter.dispose());

  it('lists the organisation\'s presences in the agent\'s language, without On Queue and Offline', async () => {
    s = await cloudAdapter();
    const reasons = await s.adapter.notReadyReasons({ locale: 'es' });
    expect(reasons.map((r) => r.code)).to.have.members(['available', 'away', 'away-training', 'break', 'meal', 'busy']);
    expect(reasons.find((r) => r.code === 'break')).to.deep.equal({ code: 'break', label: 'Descanso', systemPresence: 'Break' });
    expect(reasons.find((r) => r.code === 'away')?.label).to.equal('Away');
  });

  it('a not-ready reason takes the agent off queue on every channel; On queue again when ready', async () => {
    s = await cloudAdapter();
    await s.adapter.setReadyState('voice', 'ready');
    const presences = recordEmitted<unknown>((l) => s.adapter.onPresence(l));
    s.clock.advance(1_000);
    await control('time', { now: s.clock.now() });
    await s.adapter.setNotReady('break');
    expect(s.adapter.getReadyState('voice')).to.equal('not-ready');
    expect(s.adapter.getReadyState('web-callback')).to.equal('not-ready');
    expect(s.adapter.presence()?.code).to.equal('break');
    const user = await control<{ routingStatus: string; presence: { id: string } }>(`user/${s.userId}`);
    expect(user).to.deep.include({ routingStatus: 'OFF_QUEUE' });
    expect(user.presence.id).to.equal('break');
    s.clock.advance(1_000);
    await control('time', { now: s.clock.now() });
    await s.adapter.setReadyState('web-callback', 'ready');
    expect((await control<{ routingStatus: string }>(`user/${s.userId}`)).routingStatus).to.equal('IDLE');
    await waitFor('the presence event', () => s.adapter.presence()?.code === 'on-queue');
    expect(presences.values.length).to.be.greaterThan(0);
  });
});
