import { expect, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { sendKeys } from '../helpers/keys.js';
import type { DirectoryAdapter, DirectoryTarget } from '../../src/adapters/directory-adapter.js';
import { ManualClock } from '../../src/model/clock.js';
import { activeOption, groups, input, mount, names, options, recordSelects, root, search, setup } from '../helpers/team-communicator-fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<team-communicator> keyboard and mouse', () => {
  it('is operated by keyboard: arrows, Home, End, Enter selects', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const selected = recordSelects(el);
    el.limit = 50;
    await search(el, clock, 'ar');
    const all = names(el);
    expect(all.length).to.be.greaterThan(3);
    expect(activeOption(el)).to.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal(all[0]);
    expect(activeOption(el)!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal(all[1]);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal(all.at(-1));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal(all.at(-1));
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal(all[0]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal(all[0]);
    await expect(el).to.be.accessible();
    expect(selected).to.have.length(0);
    await sendKeys({ press: 'ArrowDown' });
    const event = oneEvent(el, 'target-select');
    await sendKeys({ press: 'Enter' });
    const { detail, bubbles, composed } = await event;
    expect(detail.target.name).to.equal(all[1]);
    expect(detail.purpose).to.equal('transfer');
    expect(bubbles && composed).to.equal(true);
    await el.updateComplete;
    expect(input(el).value).to.equal(all[1]);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(selected).to.have.length(1);
  });

  it('ArrowUp on a closed field with results opens the list at the last one; ArrowDown searches again after a choice', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await search(el, clock, 'ana');
    expect(names(el)).to.deep.equal(['Ana Ruiz', 'Hiroshi Tanaka']);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeOption(el)!.querySelector('.name')!.textContent).to.equal('Hiroshi Tanaka');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).value).to.equal('Hiroshi Tanaka');
    await sendKeys({ press: 'ArrowDown' });
    await settled(el);
    expect(names(el)).to.deep.equal(['Hiroshi Tanaka']);
  });

  it('selects with a mouse click and keeps focus in the field', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock, html`<team-communicator purpose="consult"></team-communicator>`);
    await search(el, clock, 'ana');
    const target = options(el)[1]!;
    const rect = target.getBoundingClientRect();
    const event = oneEvent(el, 'target-select');
    await sendMouse({ type: 'click', position: [Math.round(rect.x + 10), Math.round(rect.y + rect.height / 2)] });
    const { detail } = await event;
    expect(detail).to.deep.include({ purpose: 'consult' });
    expect(detail.target).to.deep.include({ kind: 'agent', id: 'agent-hiroshi-tanaka', name: 'Hiroshi Tanaka', availability: 'not-ready' });
    expect(root(el).activeElement).to.equal(input(el));
  });

  it('Escape closes the list first, then clears the text', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const selected = recordSelects(el);
    await search(el, clock, 'ana');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(input(el).value).to.equal('ana');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    expect(el.query).to.equal('');
    expect(root(el).querySelector('[part=status]')!.textContent).to.equal('');
    expect(selected).to.have.length(0);
  });

  it('closes the list when focus leaves it', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const elsewhere = document.createElement('button');
    elsewhere.textContent = 'Elsewhere';
    el.after(elsewhere);
    await search(el, clock, 'ana');
    expect(el.hasState('open')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.hasState('open')).to.equal(false);
    expect(input(el).value).to.equal('ana');
  });

  it('groups whatever order the directory answers in, and the arrows follow the groups', async () => {
    const clock = new ManualClock();
    const mixed: DirectoryTarget[] = [
      { kind: 'contact', id: 'c1', name: 'Zoe Contact', address: '+442079460001' },
      { kind: 'agent', id: 'a1', name: 'Amy Agent', availability: 'ready' },
      { kind: 'queue', id: 'q1', name: 'Quinn Queue', waiting: 0 },
      { kind: 'agent', id: 'a2', name: 'Abe Agent', availability: 'busy' },
    ];
    const fixed = { searchTargets: async () => mixed.map((t) => ({ ...t })) } as unknown as DirectoryAdapter;
    const el = await mount(fixed, clock);
    await search(el, clock, 'x');
    expect(groups(el)).to.deep.equal(['Agents', 'Queues', 'Contacts']);
    expect(names(el)).to.deep.equal(['Amy Agent', 'Abe Agent', 'Quinn Queue', 'Zoe Contact']);
    const walked: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      walked.push(activeOption(el)!.querySelector('.name')!.textContent!);
    }
    expect(walked).to.deep.equal(['Amy Agent', 'Abe Agent', 'Quinn Queue', 'Zoe Contact']);
    const event = oneEvent(el, 'target-select');
    await sendKeys({ press: 'Enter' });
    expect((await event).detail.target.id).to.equal('c1');
  });

  it('focus() focuses the search field', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    el.focus();
    expect(root(el).activeElement).to.equal(input(el));
    expect(document.activeElement).to.equal(el);
  });
});
