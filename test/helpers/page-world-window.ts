// A window as a browser shows it to the check for replaced DOM functions (page-world.ts): each function prints as the
// browser's own, but those the test says the page made.

export function browserWindow(replaced: Set<unknown>): Window & typeof globalThis {
  const toString = function (this: { name?: string }) {
    return replaced.has(this) ? "function () { /* the page's */ }" : `function ${this.name ?? ""}() { [native code] }`;
  };
  return new Proxy(window, {
    get: (target, key) => (key === "Function" ? { prototype: { toString } } : (Reflect.get(target, key) as unknown)),
  }) as Window & typeof globalThis;
}
