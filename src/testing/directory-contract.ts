import type { DispositionNode } from '../model/interaction.js';
import type { DirectoryHarness } from './harness.js';
import { rejectionOf } from './helpers.js';
import { suiteApi, type TestRunner } from './runner.js';

export type MakeDirectoryHarness = () => DirectoryHarness | Promise<DirectoryHarness>;

/** Leaf codes of a disposition tree, depth first. */
function leafCodes(nodes: readonly DispositionNode[]): string[] {
  return nodes.flatMap((n) => (n.children?.length ? leafCodes(n.children) : [n.code]));
}

/**
 * What every DirectoryAdapter does: the team communicator's search, the editable contact that
 * refuses bad input, standard responses and disposition codes.
 */
export function runDirectoryContract(runner: TestRunner, name: string, makeHarness: MakeDirectoryHarness): void {
  const { describe, it, beforeEach, afterEach, expect } = suiteApi(runner);
  describe(`DirectoryAdapter contract: ${name}`, () => {
    let h: DirectoryHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('searchTargets', () => {
      it('matches a part of a name whatever its case', async () => {
        const all = await h.adapter.searchTargets({ text: '', limit: 100 });
        expect(all.length).to.be.greaterThan(1);
        const sample = all.find((t) => /^[^\s]{3}$/.test(t.name.slice(1, 4)))!;
        const fragment = sample.name.slice(1, 4);
        const flipped = fragment === fragment.toUpperCase() ? fragment.toLowerCase() : fragment.toUpperCase();
        const found = await h.adapter.searchTargets({ text: flipped, limit: 100 });
        expect(found.map((t) => t.id)).to.include(sample.id);
        for (const t of found) expect(t.name.toLowerCase()).to.include(fragment.toLowerCase());
      });

      it('filters by kind', async () => {
        const agents = await h.adapter.searchTargets({ text: '', kinds: ['agent'], limit: 100 });
        expect(agents.length).to.be.greaterThan(0);
        for (const t of agents) expect(t.kind).to.equal('agent');
        const others = await h.adapter.searchTargets({ text: '', kinds: ['queue', 'routing-point'], limit: 100 });
        expect(others.length).to.be.greaterThan(0);
        for (const t of others) expect(['queue', 'routing-point']).to.include(t.kind);
      });

      it('returns at most `limit` targets', async () => {
        expect(await h.adapter.searchTargets({ text: '', limit: 2 })).to.have.length(2);
      });

      it('finds nothing for text no name contains', async () => {
        expect(await h.adapter.searchTargets({ text: 'zzqx-no-such-name' })).to.deep.equal([]);
      });
    });

    describe('contacts', () => {
      it('reads a contact', async () => {
        const contact = await h.adapter.getContact(h.contactId);
        expect(contact.id).to.equal(h.contactId);
        expect(contact.name).to.be.a('string').with.length.greaterThan(0);
        expect(contact.phone).to.match(/^\+\d{6,15}$/);
      });

      it('refuses an unknown contact with not-found', async () => {
        await rejectionOf(h.adapter.getContact('no-such-contact'), 'not-found');
        await rejectionOf(
          h.adapter.updateContact({ id: 'no-such-contact', name: 'Nobody', phone: '+442079460001' }),
          'not-found',
        );
      });

      it('stores a valid update', async () => {
        const contact = await h.adapter.getContact(h.contactId);
        const updated = await h.adapter.updateContact({
          ...contact,
          id: h.contactId,
          email: 'new.address@example.org',
          phone: '+44 20 7946 0321',
        });
        expect(updated.email).to.equal('new.address@example.org');
        expect(updated.phone).to.equal('+442079460321');
        const reread = await h.adapter.getContact(h.contactId);
        expect(reread.email).to.equal('new.address@example.org');
        expect(reread.phone).to.equal('+442079460321');
      });

      it('refuses a bad phone number and keeps the stored contact', async () => {
        const before = await h.adapter.getContact(h.contactId);
        const error = await rejectionOf(
          h.adapter.updateContact({ ...before, id: h.contactId, name: 'Changed Name', phone: '12' }),
          'invalid-input',
        );
        expect(error.detail.field).to.equal('phone');
        expect(await h.adapter.getContact(h.contactId)).to.deep.equal(before);
      });

      it('refuses a bad e-mail address and keeps the stored contact', async () => {
        const before = await h.adapter.getContact(h.contactId);
        const error = await rejectionOf(
          h.adapter.updateContact({ ...before, id: h.contactId, name: 'Changed Name', email: 'not an address' }),
          'invalid-input',
        );
        expect(error.detail.field).to.equal('email');
        expect(await h.adapter.getContact(h.contactId)).to.deep.equal(before);
      });

      it('hands out copies: changing an answer changes nothing stored', async () => {
        const contact = await h.adapter.getContact(h.contactId);
        const name = contact.name;
        contact.name = 'Mutated';
        expect((await h.adapter.getContact(h.contactId)).name).to.equal(name);
      });
    });

    describe('standard responses', () => {
      it('lists responses, finds them by keyword, filters by category', async () => {
        const all = await h.adapter.searchResponses({});
        expect(all.length).to.be.greaterThan(1);
        const sample = all.find((r) => r.keywords.length > 0)!;
        const byKeyword = await h.adapter.searchResponses({ text: sample.keywords[0]!.toUpperCase() });
        expect(byKeyword.map((r) => r.id)).to.include(sample.id);
        const inCategory = await h.adapter.searchResponses({ category: sample.category });
        expect(inCategory.map((r) => r.id)).to.include(sample.id);
        for (const r of inCategory) expect(r.category).to.equal(sample.category);
        expect(inCategory.length).to.be.lessThan(all.length);
        expect(await h.adapter.searchResponses({ text: 'zzqx-nothing-matches' })).to.deep.equal([]);
      });
    });

    describe('disposition codes', () => {
      it('is a tree of labelled codes with unique leaves', async () => {
        const tree = await h.adapter.dispositionCodes();
        const codes = leafCodes(tree);
        expect(codes.length).to.be.greaterThan(0);
        expect(new Set(codes).size).to.equal(codes.length);
        const check = (nodes: readonly DispositionNode[]): void => {
          for (const n of nodes) {
            expect(n.code, 'code').to.be.a('string').with.length.greaterThan(0);
            expect(n.label, 'label').to.be.a('string').with.length.greaterThan(0);
            if (n.children) check(n.children);
          }
        };
        check(tree);
      });
    });
  });
}
