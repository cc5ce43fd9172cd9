// A window as a browser shows it to the check for replaced DOM functions (page-world.ts): each function prints as the
// browser's own, but those the test says the page made.
import { replacedDomFunctions } from "../../src/userscript/page-world";

export function browserWindow(replaced: Set<unknown>): Window & typeof globalThis {
  const toString = function (this: { name?: string }) {
    return replaced.has(this) ? "function () { /* the page's */ }" : `function ${this.name ?? ""}() { [native code] }`;
  };
  return new Proxy(window, {
    get: (target, key) => (key === "Function" ? { prototype: { toString } } : (Reflect.get(target, key) as unknown)),
  }) as Window & typeof globalThis;
}

/**
 * Checks that a page's replacement of `owner.name` (its `kind`: the method, getter or setter) counts among the
 * replaced DOM functions, and that the browser's own does not.
 */
export function expectReplacementSeen(owner: string, name: string, kind: "value" | "get" | "set"): void {
  const proto = (window as unknown as Record<string, { prototype: object }>)[owner]!.prototype;
  const real = Object.getOwnPropertyDescriptor(proto, name)!;
  const own = function () {
    return undefined;
  };
  const replaced = new Set<unknown>([own]);
  expect(replacedDomFunctions(browserWindow(replaced))).not.toContain(`${owner}.${name}`);
  Object.defineProperty(proto, name, { ...real, [kind]: own });
  try {
    expect(replacedDomFunctions(browserWindow(replaced))).toContain(`${owner}.${name}`);
  } finally {
    Object.defineProperty(proto, name, real);
  }
}
