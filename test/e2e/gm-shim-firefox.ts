// The test userscript manager of gm-shim.ts in Firefox, over WebDriver BiDi (puppeteer-core's connection): the same
// GM API (gm-manager.ts), run in the page's own world or in a BiDi sandbox, which in Firefox is a world like a
// WebExtension content script's (Violentmonkey's `@inject-into content` there): it shares the DOM and sees the page's
// objects through Xray wrappers, untouched by what the page's scripts did to them. The page's half talks to Node
// through a BiDi channel, a function handed to it alone (nothing on the page's global); Node drives it through a
// handle to the object it returned, which no page script can reach.
import { randomUUID } from "node:crypto";
import type { Page } from "puppeteer-core";
import { bidi, fromRemote, toLocal, type LocalValue, type Target } from "./bidi";
import type { GmShim, GmShimOptions } from "./gm-manager";
import { batchedDelivery, DELIVER_BATCH, managerInNode, managerSource, userscriptFunction, WORLD } from "./gm-manager";

/**
 * Starts the manager on `page` and runs `userscript` in it once the page has loaded (as `@run-at document-idle`).
 * Call after `page.goto`.
 */
export async function injectUserscriptFirefox(
  page: Page,
  userscript: string,
  options: GmShimOptions = {},
): Promise<GmShim> {
  const world = options.world ?? "page";
  const link = bidi(page);
  const channel = `gloss-gm-${randomUUID()}`;
  const where: Target = world === "isolated" ? { context: link.context, sandbox: WORLD } : { context: link.context };
  const { result, realm } = await link.call(
    where,
    `function (send) { return ${managerSource("send", options, world)}; }`,
    { arguments: [{ type: "channel", value: { channel } }], ownership: "root" },
  );
  const manager: LocalValue = { handle: result.handle! };
  const target: Target = { realm };
  const call = async (fn: string, ...args: unknown[]) =>
    fromRemote((await link.call(target, fn, { this: manager, arguments: args.map(toLocal) })).result);

  const node = managerInNode(options, {
    // BiDi commands may be handled out of order, and a request's chunks must arrive in order: one call at a time.
    deliver: batchedDelivery((batch) => call(DELIVER_BATCH, batch)),
    stored: (key, value, deleted) =>
      void call("function (k, v, d) { this.stored(k, v, d); }", key, value, deleted).catch(() => undefined),
  });
  const stop = link.onMessage(channel, node.receive);
  page.once("close", () => {
    stop();
    node.leave();
  });

  // The script's source is compiled as the debugger's, so a page's Content-Security-Policy does not stop it.
  await link.call(target, `function () { this.start(${userscriptFunction(userscript)}); }`, { this: manager });

  return {
    requests: node.requests,
    notifications: node.notifications,
    runMenuCommand: async (caption) => void (await call("function (c) { this.runMenu(c); }", caption)),
    menuCommands: async () => (await call("function () { return this.menu(); }")) as string[],
    storage: async () => (await call("function () { return this.storage(); }")) as Record<string, unknown>,
    setStorage: async (key, value) => void (await call("function (k, v) { this.setStorage(k, v); }", key, value)),
  };
}
