// A record per tab that outlives the service worker (kept in session storage, gone when the browser closes): Chromium
// stops an idle worker after ~30 s, and what the next one must still know of a tab is read back from there.
import { ext } from "../extension/api";

/** Where the records are kept between the worker's lives: tab id → record. */
export interface TabRecordStore {
  load(): Promise<unknown>;
  save(records: Record<string, unknown>): Promise<void>;
}

export interface TabRecords<T> {
  set(tabId: number, record: T): Promise<void>;
  get(tabId: number): Promise<T | undefined>;
  forget(tabId: number): Promise<void>;
  /** Forgets every tab's record, those the previous worker kept too. */
  clear(): Promise<void>;
}

/** The records in `store`; what the previous worker kept that `isRecord` refuses is dropped. */
export function createTabRecords<T>(store: TabRecordStore, isRecord: (value: unknown) => value is T): TabRecords<T> {
  const records = new Map<number, T>();
  // Every change waits for the records the previous worker kept, so they cannot undo it.
  let ready: Promise<void> | undefined;
  const restored = () =>
    (ready ??= store.load().then(
      (kept) => {
        if (!kept || typeof kept !== "object") return;
        for (const [id, record] of Object.entries(kept)) {
          const tabId = Number(id);
          if (Number.isSafeInteger(tabId) && isRecord(record) && !records.has(tabId)) records.set(tabId, record);
        }
      },
      () => undefined,
    ));
  const change = (apply: () => boolean) =>
    restored().then(() => {
      if (apply()) store.save(Object.fromEntries(records)).catch(() => undefined);
    });
  return {
    set: (tabId, record) => change(() => !!records.set(tabId, record)),
    get: async (tabId) => {
      await restored();
      return records.get(tabId);
    },
    forget: (tabId) => change(() => records.delete(tabId)),
    clear: () =>
      change(() => {
        const had = records.size > 0;
        records.clear();
        return had;
      }),
  };
}

/** The browser's session storage, the records under `key`. */
export const sessionStore = (key: string): TabRecordStore => ({
  load: async () => (await ext.storage.session.get(key))[key],
  save: async (records) => ext.storage.session.set({ [key]: records }),
});
