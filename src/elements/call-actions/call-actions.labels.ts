import { msg } from '@lit/localize';
import type { InteractionAction } from '../../model/actions.js';
import { actionLabel } from '../../messages/window-messages.js';

/** Which window the toolbar sits in: the words differ, the actions do not. */
export type CallActionsFlow = 'voice' | 'web-callback';

/**
 * The button label for `action`. A web-callback preview says "Done" and "Schedule callback"
 * (Workspace's eServices words) where a voice window says "Mark done" and "Reschedule callback".
 */
export function flowActionLabel(action: InteractionAction, flow: CallActionsFlow): string {
  if (flow === 'web-callback') {
    if (action === 'mark-done') return msg('Done', { id: 'action.web-callback.mark-done' });
    if (action === 'reschedule') return msg('Schedule callback', { id: 'action.web-callback.reschedule' });
  }
  return actionLabel(action);
}
