// A small userscript manager for tests: the GM APIs Gloss is granted, implemented over Node's HTTP client (so, as
// in a real manager, requests do not go through the page and its CORS rules), with the built userscript run inside
// it. Like a real manager, the GM API is handed to the script in its own scope and its state (storage, menu) lives
// where page scripts cannot reach it: the shim is started through the DevTools protocol, which keeps its handle to
// it, and talks to Node through a binding the shim takes off the page's global at once. `world: "page"` runs the
// script in the page's own JavaScript world (a manager that ignores @inject-into / @sandbox); `world: "isolated"`
// in a world of its own sharing only the DOM, as Violentmonkey's `@inject-into content` and Tampermonkey's
// `@sandbox DOM` do. Responses stream back through `onprogress`, like Violentmonkey. GM.addValueChangeListener is there,
// as in Violentmonkey and Tampermonkey; pages opened with one `StorageGroup` share their storage, like two tabs of one
// manager: a value one sets reaches the others, whose listeners hear it as `remote`.
import { randomUUID } from "node:crypto";
import type { CDPSession, Page } from "playwright-core";
import type { GmShim, GmShimOptions } from "./gm-manager";
import { batchedDelivery, DELIVER_BATCH, managerInNode, managerSource, userscriptFunction, WORLD } from "./gm-manager";

export { storageGroup, type GmShim, type GmShimOptions, type StorageGroup } from "./gm-manager";

async function call<T>(cdp: CDPSession, objectId: string, fn: string, ...args: unknown[]): Promise<T> {
  const { result, exceptionDetails } = (await cdp.send("Runtime.callFunctionOn", {
    objectId,
    functionDeclaration: fn,
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
  })) as { result: { value: T }; exceptionDetails?: { exception?: { description?: string }; text?: string } };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

async function evaluate(cdp: CDPSession, expression: string, contextId?: number): Promise<string> {
  const { result, exceptionDetails } = (await cdp.send("Runtime.evaluate", {
    expression,
    ...(contextId !== undefined ? { contextId } : {}),
  })) as { result: { objectId?: string }; exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails || !result.objectId) throw new Error(exceptionDetails?.exception?.description ?? expression);
  return result.objectId;
}

/**
 * Starts the manager on `page` and runs `userscript` in it once the page has loaded (as `@run-at document-idle`).
 * Call after `page.goto`.
 */
export async function injectUserscript(page: Page, userscript: string, options: GmShimOptions = {}): Promise<GmShim> {
  const world = options.world ?? "page";
  const cdp = await page.context().newCDPSession(page);
  const bindingName = `__gm_${randomUUID().replace(/-/g, "")}`;
  await cdp.send("Runtime.enable");
  let contextId: number | undefined;
  if (world === "isolated") {
    await cdp.send("Runtime.addBinding", { name: bindingName, executionContextName: WORLD });
    const { frameTree } = (await cdp.send("Page.getFrameTree")) as { frameTree: { frame: { id: string } } };
    ({ executionContextId: contextId } = (await cdp.send("Page.createIsolatedWorld", {
      frameId: frameTree.frame.id,
      worldName: WORLD,
    })) as { executionContextId: number });
  } else {
    await cdp.send("Runtime.addBinding", { name: bindingName });
  }

  // The binding is taken off the page's global before anything else can run.
  const manager = await evaluate(
    cdp,
    `(function () {
      const scope = globalThis;
      const send = scope[${JSON.stringify(bindingName)}];
      delete scope[${JSON.stringify(bindingName)}];
      return ${managerSource("send", options, world)};
    })()`,
    contextId,
  );
  const node = managerInNode(options, {
    deliver: batchedDelivery((batch) => call(cdp, manager, DELIVER_BATCH, batch)),
    stored: (key, value, deleted) =>
      void call(cdp, manager, "function (k, v, d) { this.stored(k, v, d); }", key, value, deleted).catch(
        () => undefined,
      ),
  });
  page.once("close", node.leave);
  cdp.on("Runtime.bindingCalled", (event: { name: string; payload: string }) => {
    if (event.name === bindingName) node.receive(event.payload);
  });

  // Compiled and started in one call that returns nothing: a function evaluated on its own comes back described by
  // its source, so the 1.2 MB script crossed the protocol twice (about 0.25 s of the browser's CPU a page).
  const { exceptionDetails } = (await cdp.send("Runtime.callFunctionOn", {
    objectId: manager,
    functionDeclaration: `function () { this.start(${userscriptFunction(userscript)}); }`,
  })) as { exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? "the userscript failed to start");

  return {
    requests: node.requests,
    notifications: node.notifications,
    runMenuCommand: (caption) => call(cdp, manager, "function (c) { this.runMenu(c); }", caption),
    menuCommands: () => call(cdp, manager, "function () { return this.menu(); }"),
    storage: () => call(cdp, manager, "function () { return this.storage(); }"),
    setStorage: (key, value) => call(cdp, manager, "function (k, v) { this.setStorage(k, v); }", key, value),
  };
}
