import { expect, fixture, html } from '@open-wc/testing';
import { CallbackActionDoneEvent, CallbackActionEvent, type ActionRequestDetail } from '../../src/events/action-events.js';
import { SimulatedContactCenter } from '../../src/adapters/simulated/index.js';
import { ManualClock } from '../../src/model/clock.js';
import type { TargetRef } from '../../src/model/interaction.js';
import '../../src/call-actions.js';
import type { CallActions } from '../../src/call-actions.js';
import { TargetSelectEvent } from '../../src/team-communicator.js';
import '../helpers/lit-warnings.js';
import { waitFor } from '../helpers/wait.js';

/**
 * `callback-action`'s detail is one type per action, so a CRM reads a transfer's target without a
 * cast. This file is also a compile-time test (`npx tsc -p tsconfig.test.json`): the narrowing
 * below does not type-check with `args: Record<string, unknown>`, and each `@ts-expect-error`
 * fails the compile if the line it marks stops being an error.
 */

/** What a CRM writes: no cast, the action's test narrows `args`. */
function crmRecord(detail: ActionRequestDetail): string {
  switch (detail.action) {
    case 'transfer':
    case 'conference':
    case 'consult': {
      const target: TargetRef = detail.args.target;
      return `${detail.action} to ${target.name}`;
    }
    case 'dtmf':
      return `digits ${detail.args.digits}${detail.args.masked ? ' (masked)' : ''}`;
    case 'reschedule':
      return `rescheduled to ${new Date(detail.args.time).toISOString()}${detail.args.personal ? ', personal' : ''}`;
    case 'set-disposition':
      return `disposition ${detail.args.disposition.code}`;
    case 'note':
      return `note ${detail.args.text.length} characters`;
    case 'call':
      return `dialled ${detail.args.number}`;
    case 'mark-done':
      // A Mark done may carry the unsaved note, or nothing.
      return `done${detail.args ? ` with note ${detail.args.note}` : ''}`;
    default:
      return detail.action;
  }
}

// Compile-time checks, never called.
export function typeChecks(detail: ActionRequestDetail, host: HTMLElement): void {
  // @ts-expect-error -- without testing the action, `args` may be absent (a hold carries nothing).
  void detail.args.target;
  if (detail.action === 'hold') {
    // @ts-expect-error -- a hold carries no args.
    void detail.args.target;
  }
  if (detail.action === 'transfer') {
    // @ts-expect-error -- a transfer carries a target, not digits.
    void detail.args.digits;
  }
  // @ts-expect-error -- a transfer request without its target is not a request.
  new CallbackActionEvent({ action: 'transfer', interaction: {} as never });
  host.addEventListener('callback-action-done', (e) => {
    if (e.detail.action === 'transfer') void (e.detail.args.target satisfies TargetRef);
  });
}

describe('callback-action detail, typed by action', () => {
  it('a CRM reads the transfer target of a <call-actions> transfer without a cast', async () => {
    const clock = new ManualClock();
    const cc = new SimulatedContactCenter({ clock, latencyMs: 0 });
    const offer = await cc.offer('immediate');
    await cc.accept(offer.id);
    const el = await fixture<CallActions>(html`<call-actions .adapter=${cc} .telephony=${cc} .directory=${cc} .clock=${clock} interaction-id=${offer.id}></call-actions>`);
    const records: string[] = [];
    el.addEventListener('callback-action', (e) => records.push(crmRecord(e.detail)));
    const done = new Promise<CallbackActionDoneEvent>((resolve) => el.addEventListener('callback-action-done', resolve, { once: true }));
    const [target] = await cc.searchTargets({ text: '', kinds: ['queue'] });
    expect(target, 'the simulator has a queue to transfer to').to.not.equal(undefined);
    expect(el.perform('transfer')).to.equal(true);
    const communicator = await waitFor('the transfer panel', () => el.shadowRoot!.querySelector('team-communicator'));
    communicator.dispatchEvent(new TargetSelectEvent({ target: target!, purpose: 'transfer' }));
    const event = await done;
    expect(records).to.deep.equal([`transfer to ${target!.name}`]);
    expect(event.detail.action === 'transfer' && event.detail.args.target.id).to.equal(target!.id);
  });
});
