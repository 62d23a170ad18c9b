import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '../helpers/keys.js';
import '../../src/callback-provider.js';
import type { TeamCommunicator } from '../../src/team-communicator.js';
import type { DirectoryAdapter, DirectoryTarget, TargetQuery } from '../../src/adapters/directory-adapter.js';
import { ManualClock } from '../../src/model/clock.js';
import { groups, input, mount, names, options, recordSelects, root, search, setup } from '../helpers/team-communicator-fixtures.js';
import '../helpers/lit-warnings.js';
import { settled } from '../helpers/wait.js';

describe('<team-communicator>', () => {
  it('labels the field by purpose and starts closed and accessible', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    expect(root(el).querySelector('label')!.textContent).to.equal('Transfer to…');
    expect(input(el).getAttribute('role')).to.equal('combobox');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    el.purpose = 'conference';
    await el.updateComplete;
    expect(root(el).querySelector('label')!.textContent).to.equal('Conference with…');
    const consult = await mount(cc, clock, html`<team-communicator purpose="consult"></team-communicator>`);
    expect(root(consult).querySelector('label')!.textContent).to.equal('Consult with…');
    await expect(el).to.be.accessible();
  });

  it('waits for a pause in typing, then searches once and lists results by kind', async () => {
    const { cc, clock } = setup();
    const queries: TargetQuery[] = [];
    const spy: DirectoryAdapter = Object.assign(Object.create(cc) as DirectoryAdapter, {
      searchTargets: (query: TargetQuery) => (queries.push(query), cc.searchTargets(query)),
    });
    const el = await mount(spy, clock);
    el.limit = 50;
    el.focus();
    await sendKeys({ type: 'e' });
    clock.advance(100);
    await settled(el);
    expect(queries).to.have.length(0);
    expect(el.hasState('open')).to.equal(false);
    clock.advance(50);
    await settled(el);
    expect(queries).to.deep.equal([{ text: 'e', kinds: undefined, limit: 50 }]);
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(el.hasState('open')).to.equal(true);
    expect(groups(el)).to.deep.equal(['Agents', 'Queues', 'Routing points', 'Skills', 'Contacts']);
    // Each group holds only its kind, and the option order follows the groups.
    const kinds = options(el).map((o) => o.closest('[role=group]')!.getAttribute('aria-label'));
    expect(kinds).to.deep.equal([...kinds].sort((a, b) => groups(el).indexOf(a) - groups(el).indexOf(b)));
    expect(root(el).querySelector('[part=status]')!.textContent).to.match(/\d+ results/);
    await expect(el).to.be.accessible();
  });

  it('shows availability as text, marks unavailable agents without hiding them, and shows queue waiting counts', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    el.limit = 50;
    await search(el, clock, 'i');
    const option = (name: string) => options(el).find((o) => o.querySelector('.name')!.textContent === name)!;
    expect(option('Erik Lindqvist').textContent).to.include('Ready');
    expect(option('Erik Lindqvist').classList.contains('unavailable')).to.equal(false);
    expect(option('Chloé Martin').textContent).to.include('Busy');
    expect(option('Chloé Martin').classList.contains('unavailable')).to.equal(true);
    expect(option('Devika Rao').textContent).to.include('Not ready');
    expect(option('Fatima Al-Sayed').textContent).to.include('Offline');
    expect(option('Hiroshi Tanaka').classList.contains('unavailable')).to.equal(true);
    const ready = getComputedStyle(option('Erik Lindqvist').querySelector('.availability')!).color;
    const busy = getComputedStyle(option('Chloé Martin').querySelector('.availability')!).color;
    expect(ready).to.not.equal(busy);
    expect(option('Billing').textContent).to.include('4 waiting');
    expect(option('Technical Support').textContent).to.include('9 waiting');
  });

  it('restricts the search to the kinds asked for (property and attribute)', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    el.kinds = ['queue'];
    await search(el, clock, 'a');
    expect(groups(el)).to.deep.equal(['Queues']);
    expect(names(el)).to.deep.equal(['Technical Support', 'Soporte en español']);
    const attr = await mount(cc, clock, html`<team-communicator kinds="skill, routing-point"></team-communicator>`);
    await search(attr, clock, 'e');
    expect(groups(attr)).to.deep.equal(['Routing points', 'Skills']);
    // Changing the kinds asks again for what is typed.
    attr.kinds = ['agent'];
    await attr.updateComplete;
    clock.advance(150);
    await settled(attr);
    expect(groups(attr)).to.deep.equal(['Agents']);
  });

  it('shows a search error, keeps the typed text, and tries again', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    const selected = recordSelects(el);
    cc.failNext('searchTargets', 'network');
    const failed = oneEvent(el, 'callback-error');
    el.focus();
    await sendKeys({ type: 'ana' });
    clock.advance(150);
    const error = await failed;
    expect(error.detail).to.include({ action: 'search-targets', code: 'network' });
    await el.updateComplete;
    const alert = root(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.include('cannot be reached');
    expect(input(el).value).to.equal('ana');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.hasState('error')).to.equal(true);
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('button.retry')!.click();
    await settled(el);
    expect(names(el)).to.deep.equal(['Ana Ruiz', 'Hiroshi Tanaka']);
    expect((alert as HTMLElement).hidden).to.equal(true);
    expect(root(el).activeElement).to.equal(input(el));
    expect(selected).to.have.length(0);
  });

  it('says so when nothing matches', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await search(el, clock, 'zzz');
    expect(options(el)).to.have.length(0);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).querySelector('[part=status]')!.textContent).to.equal('No match for “zzz”.');
    expect(el.hasState('empty')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows only the answer to the latest text when answers cross', async () => {
    const clock = new ManualClock();
    const pending: { text: string; resolve: (targets: DirectoryTarget[]) => void }[] = [];
    // A directory that ignores cancellation and answers in whatever order the test says.
    const slow = {
      searchTargets: ({ text }: TargetQuery) => new Promise<DirectoryTarget[]>((resolve) => pending.push({ text, resolve })),
    } as unknown as DirectoryAdapter;
    const el = await mount(slow, clock);
    el.focus();
    await sendKeys({ type: 'a' });
    clock.advance(150);
    await el.updateComplete;
    expect(el.hasState('searching')).to.equal(true);
    expect(root(el).querySelector('[part=status]')!.textContent).to.equal('Searching…');
    await sendKeys({ type: 'na' });
    clock.advance(150);
    expect(pending.map((p) => p.text)).to.deep.equal(['a', 'ana']);
    pending[1]!.resolve([{ kind: 'agent', id: 'new', name: 'Newer answer' }]);
    await settled(el);
    pending[0]!.resolve([{ kind: 'agent', id: 'old', name: 'Older answer' }]);
    await settled(el);
    expect(names(el)).to.deep.equal(['Newer answer']);
  });

  it('takes the directory and clock from a <callback-provider>', async () => {
    const { cc, clock } = setup();
    const provider = await fixture(html`<callback-provider .directoryAdapter=${cc} .clock=${clock}>
      <team-communicator></team-communicator>
    </callback-provider>`);
    const el = provider.querySelector('team-communicator')!;
    await search(el, clock, 'billing');
    expect(names(el)).to.deep.equal(['Billing']);
  });

  it('without a directory it says the search is not available', async () => {
    const clock = new ManualClock();
    const el = await fixture<TeamCommunicator>(html`<team-communicator .clock=${clock}></team-communicator>`);
    await search(el, clock, 'ana');
    expect(root(el).querySelector('[role=alert]')!.textContent).to.include('not available');
  });

  it('renders names as text, never as HTML', async () => {
    const { cc, clock } = setup();
    const el = await mount(cc, clock);
    await search(el, clock, 'brien');
    expect(names(el)[0]).to.include('<img');
    expect(root(el).querySelector('img, script')).to.equal(null);
  });

  it('leaves no timer or request behind after connect/disconnect cycles', async () => {
    const { cc, clock } = setup(100);
    const baseline = clock.pendingTimers;
    const el = await mount(cc, clock);
    const parent = el.parentElement!;
    for (let i = 0; i < 10; i++) {
      el.focus();
      await sendKeys({ type: 'a' });
      expect(clock.pendingTimers).to.equal(baseline + 1);
      el.remove();
      expect(clock.pendingTimers).to.equal(baseline);
      parent.append(el);
      await el.updateComplete;
    }
    // A search in flight when the element leaves is dropped: its answer changes nothing.
    el.focus();
    await sendKeys({ type: 'n' });
    clock.advance(150);
    expect(clock.pendingTimers).to.equal(baseline + 1);
    el.remove();
    // The request was cancelled, not merely ignored: its round trip is gone from the clock.
    expect(clock.pendingTimers).to.equal(baseline);
    clock.advance(100);
    await settled(el);
    expect(options(el)).to.have.length(0);
  });
});
