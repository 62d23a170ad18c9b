import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import type { CallbackDesk } from '../../src/callback-desk.js';
import { DeskDriver } from './desk-driver.js';
import '../helpers/lit-warnings.js';

/** What every framework example exports (examples/<name>/app.ts[x]). */
export interface FrameworkExample {
  mountAgentApp(container: Element): { contactCenter: SimulatedContactCenter; unmount(): void };
}

/**
 * The checks every framework example must pass, run against its BUILT bundle (as a user's app
 * would load it, with its own copy of the library and of the framework): the desk renders with
 * the objects the framework passed as properties, and the library's events reach the framework's
 * state.
 */
export function describeFrameworkExample(framework: string, bundle: string): void {
  describe(`${framework} example (${bundle})`, () => {
    let example: FrameworkExample;
    let container: HTMLElement;
    let app: ReturnType<FrameworkExample['mountAgentApp']>;
    let mounted = false;
    const problems: string[] = [];
    const consoleError = console.error;
    const onError = (event: ErrorEvent) => problems.push(`uncaught: ${event.message}`);
    const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);

    const text = (selector: string) => container.querySelector(selector)?.textContent?.trim() ?? '';
    const desk = () => container.querySelector<CallbackDesk>('callback-desk');

    before(async () => {
      const response = await fetch(bundle, { method: 'HEAD' });
      if (!response.ok) throw new Error(`${bundle} is not built: run \`npm run examples\` first`);
      // A variable, not a literal: the bundle is built, not a module of this test's program.
      example = (await import(bundle)) as FrameworkExample;
    });

    beforeEach(async () => {
      problems.length = 0;
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      console.error = (...args: unknown[]) => {
        problems.push(`console.error: ${args.map(String).join(' ')}`);
        consoleError(...args);
      };
      container = document.createElement('div');
      document.body.append(container);
      app = example.mountAgentApp(container);
      mounted = true;
      app.contactCenter.latencyMs = 0;
      await waitUntil(() => desk()?.shadowRoot?.querySelector('agent-status'), 'the desk renders');
    });

    afterEach(function () {
      if (mounted) app.unmount();
      mounted = false;
      container.remove();
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      console.error = consoleError;
      if (problems.length) {
        (this.test as (Mocha.Runnable & { error(e: Error): void }) | undefined)?.error(new Error(problems.join('\n')));
      }
    });

    /** Sends an offer with the example's own button, accepts it in the desk; returns the offer. */
    async function acceptAnOffer(driver: DeskDriver) {
      container.querySelector<HTMLButtonElement>('.send-offer')!.click();
      await driver.waitForOffer();
      const offer = app.contactCenter.listInteractions().at(-1)!;
      expect(driver.notification!.textContent).to.include(offer.contact.name);
      driver.clickAccept();
      return offer;
    }

    it(`the desk gets ${framework}'s values as properties, not attributes`, async () => {
      const element = desk()!;
      expect(element.callbackAdapter === app.contactCenter, 'the adapter object itself').to.equal(true);
      expect(element.telephonyAdapter === app.contactCenter && element.directoryAdapter === app.contactCenter).to.equal(true);
      expect(element.policy?.dispositionMandatory).to.equal(true);
      expect(element.dispositionMode).to.equal('list');
      expect(element.getAttributeNames().filter((name) => /adapter|policy|disposition/i.test(name))).to.deep.equal([]);
      expect(element.shadowRoot!.textContent).to.include('No interaction in progress');
      expect(text('.accepted')).to.equal('No callback accepted yet');
    });

    it(`accept, then mark done with a disposition: ${framework}'s state shows both`, async () => {
      const driver = new DeskDriver(desk()!);
      const offer = await acceptAnOffer(driver);
      await waitUntil(() => text('.accepted') === `Accepted: ${offer.contact.name}`, 'callback-accepted reached the app');
      await driver.waitForWindow();
      expect(driver.part('call-status')!.textContent).to.include(offer.contact.name);

      await driver.act('end-call');
      // The policy object the app passed: Mark done waits for a disposition.
      await waitUntil(
        () => driver.part('call-actions')?.querySelector('[part=reason]')?.textContent?.includes('Choose a disposition'),
        'Mark done asks for a disposition',
      );
      expect(driver.actionButton('mark-done')!.getAttribute('aria-disabled')).to.equal('true');
      expect(container.querySelectorAll('.done-log li')).to.have.length(0);

      // dispositionMode="list" from the app: a radio list, not the default tree.
      const label = await driver.chooseDisposition();
      await driver.act('mark-done');
      await waitUntil(() => container.querySelectorAll('.done-log li').length === 1, 'callback-done reached the app');
      expect(text('.done-log li')).to.equal(`${offer.contact.name}: ${label}`);
      await waitUntil(() => desk()!.shadowRoot!.textContent!.includes('No interaction in progress'), 'the window closes');
    });

    it(`a failed accept: ${framework} shows the callback-error message the desk shows`, async () => {
      const driver = new DeskDriver(desk()!);
      app.contactCenter.failNext('accept', 'network');
      await acceptAnOffer(driver);
      await waitUntil(() => container.querySelector('.error'), 'callback-error reached the app');
      const shown = driver.notification!.querySelector('[part=error]')!.textContent!.trim();
      expect(shown).to.not.equal('');
      expect(text('.error')).to.equal(shown);
      expect(text('.accepted')).to.equal('No callback accepted yet');
    });

    it(`unmounting the ${framework} app removes the desk, with no errors`, async () => {
      const driver = new DeskDriver(desk()!);
      await acceptAnOffer(driver);
      await driver.waitForWindow();
      const element = desk()!;
      app.unmount();
      mounted = false;
      expect(element.isConnected).to.equal(false);
      expect(container.querySelector('callback-desk') === null, 'no desk left').to.equal(true);
      expect(container.childElementCount).to.equal(0);
      // The contact center goes on: nothing left behind may react to it.
      await app.contactCenter.offer('immediate');
      await aTimeout(300);
      expect(problems).to.deep.equal([]);
    });
  });
}
