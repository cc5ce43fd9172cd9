// Patterns built from a string (a glossary term, its translation), kept by that string: the glossary's patterns are
// asked for per segment of every request and every reply, and building them (escaping the term, then V8 compiling
// its Unicode classes) cost more than running them.

/** More strings than any glossary holds; past it the kept patterns are dropped and built again as asked for. */
const MAX_KEPT = 4096;

/** `build`, remembering its result for each string it was given. */
export function keptByString<T>(build: (text: string) => T): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    let value = kept.get(text);
    if (value === undefined) {
      if (kept.size >= MAX_KEPT) kept.clear();
      value = build(text);
      kept.set(text, value);
    }
    return value;
  };
}
