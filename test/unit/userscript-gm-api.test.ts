// The manager's API as Gloss holds it, against a page that shares Gloss's world and replaced Function.prototype's
// bind, call and apply before Gloss ran: whatever function those are used on reaches the page. The manager's own
// functions must never be among them, or the page could read and write the manager's storage (the API key, every
// site translated), make requests no CORS stops, and write into the manager's menu and notifications.
import { keptPageGm, managerGlobals, resolveGmApi, type GmApi, type GmGlobals } from "../../src/userscript/gm-api";
import { createKeptPage } from "../../src/session/kept-page";
import { runsInPageWorld } from "../../src/userscript/page-world";

type Fn = (...args: never[]) => unknown;

/** Runs `use` while bind, call and apply note each function they are used on; puts them back after. */
function withPatchedFunctionPrototype(use: () => void): Set<unknown> {
  const proto = Function.prototype as unknown as Record<"bind" | "call" | "apply", Fn>;
  const originals = { bind: proto.bind, call: proto.call, apply: proto.apply };
  const handed = new Set<unknown>();
  for (const name of ["bind", "call", "apply"] as const) {
    const original = originals[name];
    proto[name] = function (this: unknown, ...args: unknown[]) {
      handed.add(this);
      return Reflect.apply(original, this, args) as unknown;
    } as Fn;
  }
  try {
    use();
  } finally {
    Object.assign(proto, originals);
  }
  return handed;
}

/** Every call Gloss makes on the manager's API. */
function useAll(gm: GmApi): void {
  gm.xmlHttpRequest({ method: "GET", url: "http://127.0.0.1:8080/props" });
  void gm.getValue("settings", undefined);
  void gm.setValue("settings", "{}");
  void gm.deleteValue("cache:example.org");
  void gm.listValues();
  gm.registerMenuCommand("Translate page", () => undefined, "t");
  gm.notify("Translated.");
  gm.onValueChange?.("settings", () => undefined);
}

/** A manager's functions, each noting the object it was called on. */
function managerFunctions() {
  const calledOn: Array<[string, unknown]> = [];
  // Typed as whichever manager function it stands for: each answers what that one would.
  const fn = (name: string, result?: unknown): never =>
    function (this: unknown) {
      calledOn.push([name, this]);
      return result;
    } as never;
  return {
    calledOn,
    fns: {
      xmlHttpRequest: fn("xmlHttpRequest", { abort: () => undefined }),
      getValue: fn("getValue", Promise.resolve(undefined)),
      setValue: fn("setValue", Promise.resolve()),
      deleteValue: fn("deleteValue", Promise.resolve()),
      listValues: fn("listValues", Promise.resolve([])),
      registerMenuCommand: fn("registerMenuCommand"),
      notification: fn("notification"),
      addValueChangeListener: fn("addValueChangeListener"),
    },
  };
}

describe("the manager's API in the page's world", () => {
  it("hands none of the manager's GM.* functions to the page's bind, call or apply, and calls each on GM", () => {
    const { fns, calledOn } = managerFunctions();
    const scope: GmGlobals = { GM: { ...fns, info: { scriptHandler: "Violentmonkey", injectInto: "page" } } };
    const handed = withPatchedFunctionPrototype(() => useAll(resolveGmApi(scope)));
    expect(Object.values(fns).filter((f) => handed.has(f))).toEqual([]);
    expect(calledOn.map(([name]) => name).sort()).toEqual(Object.keys(fns).sort());
    // Managers keep their state on the GM object: each is still called as its method.
    expect(calledOn.every(([, self]) => self === scope.GM)).toBe(true);
  });

  it("hands none of the older GM_* functions either", () => {
    const { fns, calledOn } = managerFunctions();
    const scope: GmGlobals = {
      GM_xmlhttpRequest: fns.xmlHttpRequest,
      GM_notification: fns.notification,
      GM_addValueChangeListener: fns.addValueChangeListener,
    };
    const handed = withPatchedFunctionPrototype(() => useAll(resolveGmApi(scope)));
    expect([fns.xmlHttpRequest, fns.notification, fns.addValueChangeListener].filter((f) => handed.has(f))).toEqual([]);
    expect(calledOn.map(([name]) => name).sort()).toEqual(["addValueChangeListener", "notification", "xmlHttpRequest"]);
  });
});

/** Runs `use` while Object.prototype claims `values`, as a page in Gloss's world can make it; takes them off after. */
function withPageClaims<T>(values: Record<string, unknown>, use: () => T): T {
  for (const [name, value] of Object.entries(values))
    Object.defineProperty(Object.prototype, name, { value, configurable: true, writable: true });
  try {
    return use();
  } finally {
    for (const name of Object.keys(values)) delete (Object.prototype as Record<string, unknown>)[name];
  }
}

describe("where the manager says Gloss runs", () => {
  const xmlHttpRequest = () => undefined;
  const claims = { injectInto: "content", sandboxMode: "dom", scriptHandler: "Greasemonkey", isIncognito: true };

  it("takes only what the manager's own object says, not what the page put on Object.prototype", () => {
    // Tampermonkey has no injectInto, Violentmonkey no sandboxMode, an older Tampermonkey neither.
    const managers: GmGlobals[] = [
      { GM: { xmlHttpRequest, info: { scriptHandler: "Tampermonkey", sandboxMode: "raw" } } },
      { GM: { xmlHttpRequest, info: { scriptHandler: "Violentmonkey", injectInto: "page" } } },
      { GM_xmlhttpRequest: xmlHttpRequest, GM_info: { scriptHandler: "Tampermonkey", version: "4.9" } },
    ];
    for (const scope of managers) {
      const info = withPageClaims(claims, () => resolveGmApi(scope).info);
      expect(withPageClaims(claims, () => runsInPageWorld(info))).toBe(true);
      expect(withPageClaims(claims, () => info?.isIncognito)).toBeUndefined();
    }
  });

  it("still hears the manager that says Gloss runs apart from the page", () => {
    const isolated = resolveGmApi({
      GM: { xmlHttpRequest, info: { scriptHandler: "Violentmonkey", injectInto: "content" } },
    });
    expect(runsInPageWorld(isolated.info)).toBe(false);
    expect(isolated.info).toEqual({ scriptHandler: "Violentmonkey", injectInto: "content" });
  });
});

describe("a method the manager lacks, in the page's world", () => {
  it("is not taken from what the page put on Object.prototype", async () => {
    const { fns, calledOn } = managerFunctions();
    const page = { calls: [] as string[] };
    const pageFn =
      (name: string) =>
      (...args: unknown[]) =>
        void page.calls.push(`${name} ${JSON.stringify(args)}`);
    const claims = Object.fromEntries(
      [
        "xmlHttpRequest",
        "getValue",
        "setValue",
        "deleteValue",
        "listValues",
        "notification",
        "addValueChangeListener",
        "GM_xmlhttpRequest",
        "GM_notification",
        "GM_addValueChangeListener",
      ].map((name) => [name, pageFn(name)]),
    );
    // Greasemonkey 4 (no value listener) and a manager with only the older GM_xmlhttpRequest.
    const managers: GmGlobals[] = [
      { GM: { xmlHttpRequest: fns.xmlHttpRequest } },
      { GM: { getValue: fns.getValue, setValue: fns.setValue }, GM_xmlhttpRequest: fns.xmlHttpRequest },
    ];
    for (const scope of managers) {
      const gm = withPageClaims(claims, () => resolveGmApi(scope));
      withPageClaims(claims, () => useAll(gm));
      await withPageClaims(claims, () => gm.getValue("apiKey", "none"));
    }
    expect(page.calls).toEqual([]);
    expect(calledOn.filter(([name]) => name === "xmlHttpRequest")).toHaveLength(2);
  });

  it("nor is a menu: a manager without one (Safari's Userscripts) is known as such, so the card offers Settings", () => {
    const { fns } = managerFunctions();
    const withMenu = resolveGmApi({
      GM: { xmlHttpRequest: fns.xmlHttpRequest, registerMenuCommand: fns.registerMenuCommand },
    });
    expect(withMenu.hasMenu).toBe(true);
    const claims = { registerMenuCommand: () => undefined };
    const without = withPageClaims(claims, () => resolveGmApi({ GM: { xmlHttpRequest: fns.xmlHttpRequest } }));
    expect(without.hasMenu).toBe(false);
  });

  it("knows a manager without storage (no GM.setValue): values last as long as the page, and the settings say so", async () => {
    const { fns } = managerFunctions();
    expect(resolveGmApi({ GM: { xmlHttpRequest: fns.xmlHttpRequest, setValue: fns.setValue } }).stores).toBe(true);
    const claims = { setValue: () => Promise.resolve() };
    const without = withPageClaims(claims, () => resolveGmApi({ GM: { xmlHttpRequest: fns.xmlHttpRequest } }));
    expect(without.stores).toBe(false);
    await without.setValue("settings", "{}");
    expect(await without.getValue("settings", null)).toBe("{}");
  });

  it("a manager's own methods are found however it defines them (not enumerable, read through a getter)", async () => {
    const { fns, calledOn } = managerFunctions();
    const GM = {};
    Object.defineProperty(GM, "xmlHttpRequest", { value: fns.xmlHttpRequest, enumerable: false });
    Object.defineProperty(GM, "getValue", { value: fns.getValue, enumerable: false });
    Object.defineProperty(GM, "setValue", { get: () => fns.setValue, enumerable: true });
    Object.defineProperty(GM, "info", { value: { scriptHandler: "Tampermonkey", sandboxMode: "js" } });
    const gm = resolveGmApi({ GM } as GmGlobals);
    useAll(gm);
    await gm.getValue("apiKey", "none");
    await gm.setValue("apiKey", "k");
    expect(calledOn.map(([name]) => name)).toEqual(expect.arrayContaining(["xmlHttpRequest", "getValue", "setValue"]));
    expect(gm.info?.sandboxMode).toBe("js");
  });

  it("nor is a GM_* name the script's scope lacks, which is looked up on the global and its prototypes", () => {
    const steal = () => undefined;
    const found = withPageClaims({ GM: { xmlHttpRequest: steal }, GM_xmlhttpRequest: steal, GM_info: {} }, () =>
      managerGlobals(),
    );
    expect(found).toEqual({});
  });

  it("nor is what the manager says about the script, when it says nothing, nor a value listener it lacks", () => {
    // A manager without GM.info (or GM_info) and without value listeners; Gloss holds its API as kept-page.ts wraps it.
    const gm = keptPageGm(
      resolveGmApi({ GM_xmlhttpRequest: () => undefined }),
      createKeptPage(new EventTarget() as Window),
    );
    const onValueChange = jest.fn();
    withPageClaims({ info: { injectInto: "content", scriptHandler: "Greasemonkey" }, onValueChange }, () => {
      expect(runsInPageWorld(gm.info)).toBe(true);
      gm.onValueChange?.("settings", () => undefined);
    });
    expect(onValueChange).not.toHaveBeenCalled();
  });
});
