// Gloss's in-page UI in Firefox, as closed-shadow.ts finds it in Chromium: WebDriver BiDi hands back an element's
// shadow root, closed ones too (as DevTools does), and a function can then run with that root as `this`.
import type { Page } from "puppeteer-core";
import { bidi, fromRemote, toLocal, type RemoteValue } from "./bidi";
import { MARK, VISIBLE_TEXT, type GlossUi } from "./closed-shadow";

interface NodeValue {
  localName?: string;
  attributes?: Record<string, string>;
  children?: Array<RemoteValue & { value?: NodeValue }>;
  shadowRoot?: (RemoteValue & { value?: NodeValue & { mode?: string } }) | null;
}

/** The closed shadow roots of Gloss's `which` UI in the page (one when it is open), by their BiDi ids. */
async function findRoots(page: Page, which: GlossUi): Promise<string[]> {
  const link = bidi(page);
  const { result } = await link.call(
    { context: link.context },
    "function () { return [...document.documentElement.children]; }",
    { domDepth: 2 },
  );
  return (result.value as Array<RemoteValue & { value?: NodeValue }>)
    .map((host) => host.value?.shadowRoot)
    .filter((root) => root?.value?.mode === "closed")
    .filter((root) =>
      (root!.value!.children ?? []).some((child) => MARK[which]((child.value?.attributes?.class ?? "").split(/\s+/))),
    )
    .map((root) => root!.sharedId!);
}

/** How many of Gloss's `which` UI are in the page. */
export async function countUiFirefox(page: Page, which: GlossUi): Promise<number> {
  return (await findRoots(page, which)).length;
}

/**
 * Runs `fn` in the page's world with `this` bound to the closed shadow root of Gloss's `which` UI; returns its result
 * (JSON-like), or undefined when that UI is not in the page.
 */
export async function inClosedShadowFirefox<T>(
  page: Page,
  which: GlossUi,
  fn: string,
  ...args: unknown[]
): Promise<T | undefined> {
  const [root] = await findRoots(page, which);
  if (!root) return undefined;
  const link = bidi(page);
  const { result } = await link.call({ context: link.context }, fn, {
    this: { sharedId: root },
    arguments: args.map(toLocal),
  });
  return fromRemote(result) as T;
}

/** The text a person sees in Gloss's `which` UI (no styles, nothing hidden); undefined when it is not there. */
export function closedShadowTextFirefox(page: Page, which: GlossUi): Promise<string | undefined> {
  return inClosedShadowFirefox<string>(page, which, VISIBLE_TEXT);
}
