import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import type { ContactSaveEvent } from '../../src/contact-directory.js';
import { announcement } from '../../src/controllers/announcer.js';
import { $, accepted, cancelButton, editButton, errorBox, fieldError, fill, focusedName, html, input, mount, recordContactEvents, root, saveAndWaitForProblems, saveButton, setup, text, types, value } from '../helpers/contact-directory-fixtures.js';
import { phoneFormatReady } from '../../src/elements/shared/phone-format.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<contact-directory>', () => {
  // Numbers show formatted once the phone library has loaded: load it first, so every render is final.
  before(() => phoneFormatReady());
  it('shows the interaction contact as a description list, with the local time, and is accessible', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory lang="en-GB" interaction-id=${interaction.id}></contact-directory>`);
    const terms = [...root(el).querySelectorAll('dt')].map((dt) => text(dt));
    expect(terms).to.deep.equal(['Name', 'Phone', 'E-mail', 'SMS number', 'Chat handle', 'Time zone']);
    expect(value(el, 'name')).to.equal('Margaret Chen');
    // Read formatted; the editor below keeps it as stored.
    expect(value(el, 'phone')).to.equal('+44 20 7946 0123');
    expect(value(el, 'email')).to.equal('margaret.chen@example.co.uk');
    expect(value(el, 'sms')).to.equal('+44 20 7946 0124');
    expect(value(el, 'chat')).to.equal('Not set');
    expect(value(el, 'timeZone')).to.equal('Europe/London (local time 15:00 GMT)');
    expect(text(editButton(el))).to.equal('Edit');
    expect(el.editing).to.equal(false);
    expect(root(el).querySelector('form') === null, 'no form in view mode').to.equal(true);
    // The local time is a clock.
    clock.advance(60_000);
    await el.updateComplete;
    expect(value(el, 'timeZone')).to.equal('Europe/London (local time 15:01 GMT)');
    await expect(el).to.be.accessible();
  });

  it('shows hostile details as text', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc, 'hostile-data');
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    expect(value(el, 'name')).to.equal('<img src=x onerror=alert(1)> O\'Brien & "Sons"');
    expect(value(el, 'email')).to.equal('x"><script>alert(1)</script>@example.com');
    expect(root(el).querySelector('img, script') === null, 'markup stayed text').to.equal(true);
    await el.edit();
    expect(input(el, 'name').value).to.equal('<img src=x onerror=alert(1)> O\'Brien & "Sons"');
    expect(root(el).querySelector('img, script') === null, 'markup stayed text in the form').to.equal(true);
  });

  it('opens the editor from the keyboard with every detail filled in, labelled, and focuses the first field', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    const fired = recordContactEvents(el);
    editButton(el)!.focus();
    await sendKeys({ press: 'Enter' });
    // WebKit's WebDriver may return before the page has handled the key.
    await waitUntil(() => el.editing, 'Enter did not open the editor');
    await el.updateComplete;
    expect(el.hasState('editing')).to.equal(true);
    expect(editButton(el) === null, 'no Edit button while editing').to.equal(true);
    expect(focusedName(el)).to.equal('input#field-name[input]');
    const labels = [...root(el).querySelectorAll('input')].map((i) => text(i.labels![0]!).replace(' *', ''));
    expect(labels).to.deep.equal(['Name', 'Phone', 'E-mail', 'SMS number', 'Chat handle', 'Time zone']);
    expect(input(el, 'name').value).to.equal('Margaret Chen');
    expect(input(el, 'phone').value).to.equal('+442079460123');
    expect(input(el, 'email').type).to.equal('email');
    expect(input(el, 'sms').value).to.equal('+442079460124');
    expect(input(el, 'chat').value).to.equal('');
    expect(input(el, 'timeZone').value).to.equal('Europe/London');
    expect(input(el, 'timeZone').getAttribute('aria-describedby')).to.equal('field-timeZone-hint');
    expect(text(saveButton(el))).to.equal('Save');
    expect(text(cancelButton(el))).to.equal('Cancel');
    expect(fired).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a localized problem next to each invalid field, stores nothing and focuses the first one', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    const fired = recordContactEvents(el);
    await el.edit();
    await fill(el, 'name', '   ');
    await fill(el, 'phone', '+44 12');
    await fill(el, 'email', 'margaret at example');
    await fill(el, 'sms', 'call me');
    await fill(el, 'timeZone', 'Mars/Olympus_Mons');
    await saveAndWaitForProblems(el, 'phone');
    expect(fieldError(el, 'name')).to.equal('Enter the contact’s name.');
    expect(fieldError(el, 'phone')).to.equal('The phone number is too short.');
    expect(fieldError(el, 'email')).to.equal('Enter an e-mail address like name@example.com.');
    expect(fieldError(el, 'sms')).to.equal('This is not a valid phone number.');
    expect(fieldError(el, 'timeZone')).to.equal('Enter a time zone like Europe/London or America/New_York.');
    expect(fieldError(el, 'chat')).to.equal('');
    for (const field of ['name', 'phone', 'email', 'sms', 'timeZone'] as const) {
      expect(input(el, field).getAttribute('aria-invalid'), field).to.equal('true');
      expect(input(el, field).getAttribute('aria-describedby'), field).to.include(`field-${field}-error`);
    }
    expect(input(el, 'chat').getAttribute('aria-invalid')).to.equal('false');
    expect(focusedName(el)).to.equal('input#field-name[input]');
    expect(el.editing).to.equal(true);
    expect(fired).to.deep.equal([]);
    expect((await cc.getContact('contact-margaret-chen')).email).to.equal('margaret.chen@example.co.uk');
    await expect(el).to.be.accessible();
    // Typing in a field takes its problem away; the others stay.
    await fill(el, 'email', 'margaret@example.com');
    expect(fieldError(el, 'email')).to.equal('');
    expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    expect(fieldError(el, 'phone')).to.equal('The phone number is too short.');
  });

  it('reads numbers without + in default-country, and asks for a country code without one', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    await el.edit();
    await fill(el, 'phone', '020 7946 0999');
    await saveAndWaitForProblems(el, 'phone');
    expect(fieldError(el, 'phone')).to.equal('Add the country code, starting with +.');
    el.defaultCountry = 'GB';
    await el.updateComplete;
    const saved = oneEvent(el, 'contact-saved');
    saveButton(el).click();
    expect((await saved).detail.contact.phone).to.equal('+442079460999');
    expect((await cc.getContact('contact-margaret-chen')).phone).to.equal('+442079460999');
  });

  it('saves valid edits: contact-save, the directory, contact-saved, then the view with the new details', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory lang="en-GB" interaction-id=${interaction.id}></contact-directory>`);
    const fired = recordContactEvents(el);
    await el.edit();
    await fill(el, 'email', '  m.chen@example.org ');
    await fill(el, 'chat', '@mchen');
    await fill(el, 'sms', '');
    await fill(el, 'timeZone', 'europe/paris');
    const request = oneEvent(el, 'contact-save');
    const saved = oneEvent(el, 'contact-saved');
    saveButton(el).focus();
    await sendKeys({ press: 'Enter' });
    const save: ContactSaveEvent = await request;
    expect(save.cancelable && save.bubbles && save.composed).to.equal(true);
    expect(save.detail.contact).to.deep.equal({
      id: 'contact-margaret-chen',
      name: 'Margaret Chen',
      phone: '+442079460123',
      email: 'm.chen@example.org',
      chat: '@mchen',
      timeZone: 'Europe/Paris',
    });
    const done = await saved;
    await el.updateComplete;
    expect(done.detail.contact).to.deep.include({ email: 'm.chen@example.org', timeZone: 'Europe/Paris' });
    expect(types(fired)).to.deep.equal(['contact-save', 'contact-saved']);
    expect(await cc.getContact('contact-margaret-chen')).to.deep.equal(save.detail.contact);
    expect(el.editing).to.equal(false);
    expect(value(el, 'email')).to.equal('m.chen@example.org');
    expect(value(el, 'sms')).to.equal('Not set');
    expect(value(el, 'timeZone')).to.equal('Europe/Paris (local time 16:00 CET)');
    expect(focusedName(el)).to.equal('button[edit-button]');
    await waitUntil(() => announcement() === 'Contact saved.', 'save announced');
    await expect(el).to.be.accessible();
  });

  it('stores nothing when the host cancels contact-save, and keeps the editor open', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    const fired = recordContactEvents(el);
    el.addEventListener('contact-save', (e) => e.preventDefault());
    await el.edit();
    await fill(el, 'name', 'Maggie Chen');
    const request = oneEvent(el, 'contact-save');
    saveButton(el).click();
    await request;
    await settled(el);
    expect(types(fired)).to.deep.equal(['contact-save']);
    expect(el.editing).to.equal(true);
    expect(input(el, 'name').value).to.equal('Maggie Chen');
    expect((await cc.getContact('contact-margaret-chen')).name).to.equal('Margaret Chen');
  });

  for (const code of ['network', 'invalid-input'] as const) {
    it(`keeps every edit and shows the error when the directory fails (${code}), then saves on retry`, async () => {
      const { cc, clock } = setup();
      const interaction = await accepted(cc);
      const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
      const fired = recordContactEvents(el);
      await el.edit();
      await fill(el, 'name', 'Margaret Chen-Li');
      await fill(el, 'chat', '@mcl');
      await fill(el, 'timeZone', 'Europe/Dublin');
      cc.failNext('updateContact', code);
      const failed = oneEvent(el, 'callback-error');
      saveButton(el).click();
      const error = await failed;
      await el.updateComplete;
      const expected =
        code === 'network'
          ? 'The contact center cannot be reached. Check the connection and try again.'
          : 'The directory refused these details. Check them and try again.';
      const { action, code: failure, message } = error.detail;
      expect({ action, code: failure, message }).to.deep.equal({ action: 'update-contact', code, message: expected });
      expect(errorBox(el).hidden).to.equal(false);
      expect(errorBox(el).getAttribute('role')).to.equal('alert');
      expect(text(errorBox(el))).to.equal(expected);
      expect(el.hasState('error')).to.equal(true);
      expect(el.editing).to.equal(true);
      expect([input(el, 'name').value, input(el, 'chat').value, input(el, 'timeZone').value]).to.deep.equal(['Margaret Chen-Li', '@mcl', 'Europe/Dublin']);
      expect(input(el, 'name').readOnly).to.equal(false);
      expect(saveButton(el).getAttribute('aria-disabled')).to.equal('false');
      expect(types(fired)).to.deep.equal(['contact-save', 'callback-error']);
      expect((await cc.getContact('contact-margaret-chen')).name).to.equal('Margaret Chen');
      await expect(el).to.be.accessible();
      const saved = oneEvent(el, 'contact-saved');
      saveButton(el).click();
      await saved;
      await el.updateComplete;
      expect(errorBox(el).hidden).to.equal(true);
      expect((await cc.getContact('contact-margaret-chen')).chat).to.equal('@mcl');
      expect(value(el, 'name')).to.equal('Margaret Chen-Li');
    });
  }

  it('puts a refusal the directory pins on one field next to that field', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    await el.edit();
    cc.failNext('updateContact', 'invalid-input', { detail: { field: 'email', validation: 'email-invalid' } });
    const failed = oneEvent(el, 'callback-error');
    saveButton(el).click();
    await failed;
    await el.updateComplete;
    expect(fieldError(el, 'email')).to.equal('Enter an e-mail address like name@example.com.');
    expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
  });

  it('disables the form while saving', async () => {
    const { cc, clock } = setup();
    cc.latencyMs = 500;
    const interaction = await (async () => {
      const offer = await cc.offer('immediate');
      const accepting = cc.accept(offer.id);
      clock.advance(500);
      return accepting;
    })();
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    await el.edit();
    const request = oneEvent(el, 'contact-save');
    saveButton(el).click();
    await request;
    await el.updateComplete;
    expect(el.hasState('saving')).to.equal(true);
    expect(text(saveButton(el))).to.equal('Saving…');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(cancelButton(el).disabled).to.equal(true);
    expect(input(el, 'name').readOnly).to.equal(true);
    await sendKeys({ press: 'Escape' });
    expect(el.editing).to.equal(true);
    const saved = oneEvent(el, 'contact-saved');
    clock.advance(500);
    await saved;
    await el.updateComplete;
    expect(el.hasState('saving')).to.equal(false);
    expect(el.editing).to.equal(false);
  });

  it('Cancel discards the edits, fires nothing and returns focus to Edit', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    const fired = recordContactEvents(el);
    await el.edit();
    await fill(el, 'name', 'Someone Else');
    await fill(el, 'phone', 'x');
    cancelButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.editing).to.equal(false);
    expect(fired).to.deep.equal([]);
    expect(value(el, 'name')).to.equal('Margaret Chen');
    expect(focusedName(el)).to.equal('button[edit-button]');
    await el.edit();
    expect(input(el, 'name').value).to.equal('Margaret Chen');
    expect(fieldError(el, 'phone')).to.equal('');
  });

  it('Escape in the form cancels, and goes no further than the element', async () => {
    const { cc, clock } = setup();
    const interaction = await accepted(cc);
    const el = await mount(cc, clock, html`<contact-directory interaction-id=${interaction.id}></contact-directory>`);
    const fired = recordContactEvents(el);
    const escapes: string[] = [];
    const listener = (e: KeyboardEvent) => escapes.push(e.key);
    document.addEventListener('keydown', listener);
    await el.edit();
    input(el, 'email').focus();
    await sendKeys({ type: 'typo' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.editing).to.equal(false);
    document.removeEventListener('keydown', listener);
    expect(escapes).to.not.include('Escape');
    expect(fired).to.deep.equal([]);
    expect(value(el, 'email')).to.equal('margaret.chen@example.co.uk');
    expect(focusedName(el)).to.equal('button[edit-button]');
    expect($(el, 'form') === null, 'form gone').to.equal(true);
  });
});
