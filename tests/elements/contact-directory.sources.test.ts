import { expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-provider.js';
import type { ContactDirectory } from '../../src/contact-directory.js';
import type { DirectoryAdapter } from '../../src/adapters/directory-adapter.js';
import type { Contact } from '../../src/model/interaction.js';
import { accepted, editButton, errorBox, fill, focusedName, html, input, mount, recordContactEvents, root, saveButton, setup, text, types, value } from '../helpers/contact-directory-fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

/** Where the contact comes from (interaction, `contact-id`, context), read-only use, and cleanup. */
describe('<contact-directory> sources', () => {
  it('loads the contact named by contact-id from the directory, showing that it is loading', async () => {
    const { cc, clock } = setup();
    cc.latencyMs = 300;
    const el = await fixture<ContactDirectory>(html`<contact-directory contact-id="contact-amelia-johnson" .directory=${cc} .clock=${clock}></contact-directory>`);
    await el.updateComplete;
    expect(el.hasState('loading')).to.equal(true);
    expect(text(root(el).querySelector('[part=status]'))).to.equal('Loading contact…');
    expect(editButton(el) === null, 'nothing to edit yet').to.equal(true);
    await expect(el).to.be.accessible();
    clock.advance(300);
    await settled(el);
    expect(el.hasState('loading')).to.equal(false);
    expect(value(el, 'name')).to.equal('Amelia Johnson');
    expect(value(el, 'chat')).to.equal('@amelia.j');
    expect(text(root(el).querySelector('[part=status]'))).to.equal('');
    // Edited and saved like an interaction's contact.
    await el.edit();
    await fill(el, 'chat', '@amelia.johnson');
    const request = oneEvent(el, 'contact-save');
    const saved = oneEvent(el, 'contact-saved');
    saveButton(el).click();
    await request;
    expect(el.hasState('saving')).to.equal(true);
    clock.advance(300);
    await saved;
    await el.updateComplete;
    expect(value(el, 'chat')).to.equal('@amelia.johnson');
    const reading = cc.getContact('contact-amelia-johnson');
    clock.advance(300);
    expect((await reading).chat).to.equal('@amelia.johnson');
  });

  it('prefers contact-id over the interaction, and follows a change of contact-id', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id} contact-id="contact-lukas-becker"></contact-directory>`);
    expect(value(el, 'name')).to.equal('Lukas Becker');
    el.contactId = 'contact-sophie-dubois';
    await settled(el);
    expect(value(el, 'name')).to.equal('Sophie Dubois');
    el.contactId = undefined;
    await settled(el);
    expect(value(el, 'name')).to.equal('Margaret Chen');
  });

  it('closes the editor without a word when the contact on screen changes to another one', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock, html`<contact-directory contact-id="contact-lukas-becker"></contact-directory>`);
    const fired = recordContactEvents(el);
    await el.edit();
    await fill(el, 'name', 'Lukas B.');
    el.contactId = 'contact-sophie-dubois';
    await settled(el);
    expect(el.editing).to.equal(false);
    expect(value(el, 'name')).to.equal('Sophie Dubois');
    expect(fired).to.deep.equal([]);
    expect((await cc.getContact('contact-lukas-becker')).name).to.equal('Lukas Becker');
  });

  it('shows a load failure with Try again (keyboard), and a contact that is gone', async () => {
    const { cc, clock } = setup();
    cc.failNext('getContact', 'network');
    const el = await fixture<ContactDirectory>(html`<contact-directory></contact-directory>`);
    const fired = recordContactEvents(el);
    el.directory = cc;
    el.clock = clock;
    el.contactId = 'contact-liam-walker';
    await settled(el);
    expect(text(errorBox(el))).to.equal('The contact center cannot be reached. Check the connection and try again. Try again');
    expect(el.hasState('error')).to.equal(true);
    expect(types(fired)).to.deep.equal(['callback-error']);
    expect((fired[0]!.detail as { action: string }).action).to.equal('get-contact');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('.retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(errorBox(el).hidden).to.equal(true);
    expect(value(el, 'name')).to.equal('Liam Walker');
    expect(focusedName(el)).to.equal('div#title[title]');
    el.contactId = 'contact-nobody';
    await settled(el);
    expect(text(errorBox(el))).to.equal('This contact is no longer in the directory. Try again');
    expect(root(el).querySelector('dl') === null, 'no stale contact').to.equal(true);
  });

  it('has no Edit in readonly mode; edit() does nothing; turning readonly on closes the editor', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory readonly interaction-id=${interaction.id}></contact-directory>`);
    expect(value(el, 'name')).to.equal('Margaret Chen');
    expect(editButton(el) === null, 'no Edit button').to.equal(true);
    await el.edit();
    expect(el.editing).to.equal(false);
    expect(root(el).querySelector('form') === null, 'no form').to.equal(true);
    await expect(el).to.be.accessible();
    el.readonly = false;
    await el.updateComplete;
    expect(editButton(el) === null, 'Edit is back').to.equal(false);
    await el.edit();
    el.readonly = true;
    await el.updateComplete;
    expect(el.editing).to.equal(false);
    expect(el.hasAttribute('readonly')).to.equal(true);
  });

  it('offers no Edit for a contact without an id (it could not be stored)', async () => {
    const { cc, clock } = setup();
    const offer = await cc.offer('immediate', { contact: { id: undefined } });
    const interaction = await cc.accept(offer.id);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    expect(value(el, 'name')).to.equal('Margaret Chen');
    expect(editButton(el) === null, 'no Edit button').to.equal(true);
  });

  it('shows the saved contact even when the adapter does not republish the interaction, until it does', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const stored: Contact[] = [];
    // A directory that stores elsewhere: the interaction keeps its old contact.
    const directory: DirectoryAdapter = Object.assign(Object.create(cc) as DirectoryAdapter, {
      updateContact: async (contact: Contact & { id: string }) => (stored.push(contact), { ...contact }),
    });
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    el.directory = directory;
    await el.edit();
    await fill(el, 'name', 'Margaret Chen-Li');
    const saved = oneEvent(el, 'contact-saved');
    saveButton(el).click();
    await saved;
    await el.updateComplete;
    expect(stored.map((c) => c.name)).to.deep.equal(['Margaret Chen-Li']);
    expect(cc.getInteraction(interaction.id)!.contact.name).to.equal('Margaret Chen');
    expect(value(el, 'name')).to.equal('Margaret Chen-Li');
    // The callback service publishes a newer contact: that one is shown.
    await cc.updateContact({ ...cc.getInteraction(interaction.id)!.contact, id: 'contact-margaret-chen', name: 'Margaret Li' });
    await settled(el);
    expect(value(el, 'name')).to.equal('Margaret Li');
  });

  it('takes the directory and clock from a <callback-provider>', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const provider = await fixture(html`<callback-provider .callbackAdapter=${cc} .directoryAdapter=${cc} .clock=${clock}>
      <contact-directory lang="en-GB" interaction-id=${interaction.id}></contact-directory>
    </callback-provider>`);
    const el = provider.querySelector('contact-directory')!;
    await settled(el);
    expect(value(el, 'timeZone')).to.equal('Europe/London (local time 15:00 GMT)');
    await el.edit();
    await fill(el, 'email', 'mc@example.com');
    const saved = oneEvent(el, 'contact-saved');
    input(el, 'email').focus();
    await sendKeys({ press: 'Enter' });
    await saved;
    expect((await cc.getContact('contact-margaret-chen')).email).to.equal('mc@example.com');
  });

  it('leaves no timer behind once removed', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const before = clock.pendingTimers;
    for (let i = 0; i < 5; i++) {
      const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
      expect(clock.pendingTimers).to.be.greaterThan(before);
      el.remove();
    }
    expect(clock.pendingTimers).to.equal(before);
  });
});
