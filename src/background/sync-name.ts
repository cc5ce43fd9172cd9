// This browser's name among the reader's browsers (see shared/browser-name.ts): made from what the browser says of
// itself, or the reader's own, kept in storage.local (never synced: only a mark of this browser's carries it).
import { ext } from "../extension/api";
import { browserName, cleanName } from "../shared/browser-name";

/** Where the reader's own name for this browser is kept (storage.local); absent: the made one is used. */
export const SYNC_NAME_KEY = "settingsSyncName";

/** What Chromium's service worker tells of its brands (not in TypeScript's lib yet). */
type UserAgentData = { brands?: Array<{ brand: string }> };

/** The name made from the browser's own words ("Firefox on Linux"). */
export async function madeName(): Promise<string> {
  const runtime = ext.runtime as { getBrowserInfo?: () => Promise<{ name: string }> };
  const [info, platform] = await Promise.all([
    runtime.getBrowserInfo?.().catch(() => undefined),
    ext.runtime.getPlatformInfo().catch(() => undefined),
  ]);
  const agent = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  return browserName({
    ...(info?.name ? { name: info.name } : {}),
    ...(agent?.brands ? { brands: agent.brands.map((each) => each.brand) } : {}),
    userAgent: navigator.userAgent,
    ...(platform ? { os: platform.os } : {}),
  });
}

/** The reader's own name for this browser, if any ("" when none). */
async function ownName(): Promise<string> {
  const held: unknown = (await ext.storage.local.get(SYNC_NAME_KEY))[SYNC_NAME_KEY];
  return typeof held === "string" ? cleanName(held) : "";
}

/** The name the other browsers are told. */
export const syncName = async (): Promise<string> => (await ownName()) || madeName();

/** Keeps the reader's name for this browser (cleaned; nothing left: the made one again). */
export async function renameBrowser(typed: string): Promise<void> {
  const name = cleanName(typed);
  if (name) await ext.storage.local.set({ [SYNC_NAME_KEY]: name });
  else await ext.storage.local.remove(SYNC_NAME_KEY);
}

/** What the options page shows: the name in use, and the made one (used when the field is left empty). */
export async function namesNow(): Promise<{ name: string; made: string }> {
  const [own, made] = await Promise.all([ownName(), madeName()]);
  return { name: own || made, made };
}
