import type { Contact } from '../../model/interaction.js';

export interface ContactSaveDetail {
  /** The checked details about to be stored: numbers in E.164, with the contact's id. */
  contact: Contact & { id: string };
}

export interface ContactSavedDetail {
  /** The contact as the directory stored it. */
  contact: Contact;
}

/** The agent saves edited details, which passed validation. Cancelable: `preventDefault()` keeps the form open and stores nothing. */
export class ContactSaveEvent extends CustomEvent<ContactSaveDetail> {
  static readonly eventName = 'contact-save';
  constructor(detail: ContactSaveDetail) {
    super(ContactSaveEvent.eventName, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/** The directory stored the edited contact. */
export class ContactSavedEvent extends CustomEvent<ContactSavedDetail> {
  static readonly eventName = 'contact-saved';
  constructor(detail: ContactSavedDetail) {
    super(ContactSavedEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'contact-save': ContactSaveEvent;
    'contact-saved': ContactSavedEvent;
  }
}
