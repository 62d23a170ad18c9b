import type { Interaction, InteractionState } from '../../src/model/interaction.js';

export const T0 = Date.UTC(2026, 10, 25, 15, 0, 0);

/** A plain interaction in any state, for model and element tests. */
export function makeInteraction(overrides: Partial<Interaction> = {}): Interaction {
  return {
    id: 'cb-1',
    channel: 'voice',
    callbackType: 'immediate',
    state: 'offered',
    contact: { name: 'Ana Torres', phone: '+34 912 345 678', email: 'ana@example.com', timeZone: 'Europe/Madrid' },
    desiredTime: T0 + 30 * 60_000,
    offer: { offeredAt: T0, expiresAt: T0 + 30_000, canReject: true },
    caseData: [{ key: 'order', label: 'Order', value: 'A-1001' }],
    attempts: [],
    history: [],
    note: '',
    ...overrides,
  };
}

export function inState(state: InteractionState, overrides: Partial<Interaction> = {}): Interaction {
  return makeInteraction({ state, ...overrides });
}
