import { expect } from '@open-wc/testing';
import { announce, announcement } from '../../src/controllers/announcer.js';

const region = () => document.getElementById('callback-elements-announcer')!;

describe('announcer (the polite live region)', () => {
  it('sets the message at once, in one polite, atomic status region in the light DOM', () => {
    announce('New callback: Immediate, Margaret Chen.');
    // No waiting: a screen reader gets it in the same task as the offer rendered.
    expect(announcement()).to.equal('New callback: Immediate, Margaret Chen.');
    expect(region().getAttribute('role')).to.equal('status');
    expect(region().getAttribute('aria-live')).to.equal('polite');
    expect(region().getAttribute('aria-atomic')).to.equal('true');
    expect(region().getRootNode() === document, 'in the document, not a shadow root').to.equal(true);
  });

  it('reads the same message twice: the region text changes on the repeat', () => {
    announce('Call on hold.');
    const first = region().textContent;
    announce('Call on hold.');
    const second = region().textContent;
    expect(second).to.not.equal(first);
    expect(announcement()).to.equal('Call on hold.');
    announce('Call on hold.');
    expect(region().textContent).to.not.equal(second);
    expect(announcement()).to.equal('Call on hold.');
  });

  it('replaces an older message with a newer one', () => {
    announce('Dialing Margaret Chen.');
    announce('Connected to Margaret Chen.');
    expect(announcement()).to.equal('Connected to Margaret Chen.');
    expect(document.querySelectorAll('#callback-elements-announcer').length).to.equal(1);
  });
});
