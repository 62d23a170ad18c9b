import { clear, createStore, del, entries, promisifyRequest, type UseStore } from 'idb-keyval';
import type { PendingWork } from './pending-work-store.js';

export function isWork(value: unknown): value is PendingWork {
  return typeof value === 'object' && value !== null && typeof (value as PendingWork).interactionId === 'string' && typeof (value as PendingWork).updatedAt === 'number';
}

/**
 * The pending work in IndexedDB, one entry per interaction. The first failure of any kind (no
 * IndexedDB, a blocked origin, a private mode) switches it off for the page: `durable` turns false
 * and every call does nothing, so the store keeps working in memory.
 */
export class PendingWorkPersistence {
  readonly #database: string;
  #idb: UseStore | undefined;
  #durable = true;

  constructor(database: string) {
    this.#database = database;
  }

  get durable(): boolean {
    return this.#durable;
  }

  /** Opens the database and reads every entry (none when it cannot be opened). */
  async open(): Promise<[IDBValidKey, unknown][]> {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('No IndexedDB');
      const idb = createStore(this.#database, 'pending-work');
      this.#idb = idb;
      // `indexedDB.open` may throw synchronously (a blocked origin): the guard sees both kinds.
      return (
        (await this.#guard((db) =>
          db('readonly', (store) => {
            // Another page deleting or upgrading the database must not wait for this one forever.
            const connection = store.transaction.db;
            connection.onversionchange = () => connection.close();
            return entries(db);
          }),
        )) ?? []
      );
    } catch {
      this.#durable = false;
      return [];
    }
  }

  /** Every entry as stored now (another tab may have written since). */
  read(): Promise<[IDBValidKey, unknown][] | undefined> {
    return this.#guard((idb) => entries(idb));
  }

  /**
   * Puts entries in one transaction, except where the stored entry is newer: a page that read an
   * entry and writes it back (every entry is written back after the first read) must not replace
   * what another tab of the same agent typed since. Returns the newer entries it left alone.
   */
  async putUnlessNewer(work: [string, PendingWork][]): Promise<PendingWork[]> {
    const newer = await this.#guard((idb) =>
      idb('readwrite', (store) => {
        const found: PendingWork[] = [];
        for (const [id, entry] of work) {
          const request = store.get(id);
          request.onsuccess = () => {
            const stored: unknown = request.result;
            if (isWork(stored) && stored.updatedAt > entry.updatedAt) found.push(stored);
            else store.put(entry, id);
          };
        }
        return promisifyRequest(store.transaction).then(() => found);
      }),
    );
    return newer ?? [];
  }

  async delete(id: string): Promise<void> {
    await this.#guard((idb) => del(id, idb));
  }

  async clear(): Promise<void> {
    await this.#guard((idb) => clear(idb));
  }

  /** Runs an IndexedDB call while the database is usable; the first failure switches to memory only. */
  async #guard<T>(call: (idb: UseStore) => Promise<T>): Promise<T | undefined> {
    const idb = this.#idb;
    if (!idb || !this.#durable) return undefined;
    try {
      return await call(idb);
    } catch {
      this.#durable = false;
      return undefined;
    }
  }
}
