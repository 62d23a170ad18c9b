/**
 * Why a desk owns the agent's desk in this tab, or stands by:
 * - `only-tab`: no other tab of this browser had it;
 * - `other-tab`: another tab has it (this one stands by);
 * - `moved`: another tab took it over from this one;
 * - `taken-over`: this tab took it over, as the agent asked;
 * - `other-tab-closed`: the tab that had it closed (or let go), and this one took it by itself;
 * - `unlocked`: not coordinated across tabs (`no-tab-lock`, or a browser without the Web Locks API).
 */
export type DeskOwnershipReason = 'only-tab' | 'other-tab' | 'moved' | 'taken-over' | 'other-tab-closed' | 'unlocked';

export interface DeskOwnership {
  /** This tab handles the desk (connects the adapters, shows offers and windows). */
  owner: boolean;
  reason: DeskOwnershipReason;
  /** Since when (epoch ms) the owning tab, this one or another, has had the desk, when known. */
  since?: number;
}

/**
 * Where this tab's request for the desk stands, while another tab has it:
 * - `asking`: the owning tab was asked and has not answered yet;
 * - `finishing`: the owning tab lets a write under way there (a Mark done) go through first;
 * - `busy`: interactions are open in the owning tab, and they live there (its phone, its
 *   session with the callback service): they are finished there first, and this tab takes the
 *   desk by itself as soon as the owning tab says it is idle.
 */
export type DeskHandover = 'asking' | 'finishing' | 'busy';
