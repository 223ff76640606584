import type { Store } from '../store/store.js';
import type { TicketEscalations } from './escalations.js';
import type { TicketService } from './service.js';

export interface RunningTickets {
  service: TicketService;
  escalations: TicketEscalations;
}

/**
 * The tickets service running on a store, for adapters whose deps carry only the store
 * (the Slack confirm step, 「問い合わせ状況」, the office's reply command). Keyed by the
 * store object, so tests with their own stores never see each other's service.
 */
const running = new WeakMap<Store, RunningTickets>();

export const registerTickets = (store: Store, t: RunningTickets): void => void running.set(store, t);
export const unregisterTickets = (store: Store): void => void running.delete(store);
export const ticketsFor = (store: Store): RunningTickets | undefined => running.get(store);
