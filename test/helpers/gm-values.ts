// The userscript manager's value storage in memory (GM.getValue/setValue/deleteValue/listValues), for unit tests.
import type { GmValues } from "../../src/userscript/gm-translation-cache";

export interface MemoryGmValues extends GmValues {
  values: Map<string, unknown>;
  /** setValue calls per key, to see how often the cache writes. */
  writes: Map<string, number>;
}

export function memoryGmValues(initial: Record<string, unknown> = {}): MemoryGmValues {
  const values = new Map(Object.entries(initial));
  const writes = new Map<string, number>();
  return {
    values,
    writes,
    getValue: async <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    setValue: async (key: string, value: unknown) => {
      values.set(key, value);
      writes.set(key, (writes.get(key) ?? 0) + 1);
    },
    deleteValue: async (key: string) => void values.delete(key),
    listValues: async () => [...values.keys()],
  };
}
