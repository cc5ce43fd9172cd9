// Translating the page in the document as its site adapter would (the one the address and the markup pick).
import { siteRulesFor } from "../../src/sites";
import { sent, setup } from "./core-page";

/** Translates the document with the fake translator under the site's rules; every segment sent, sorted. */
export async function sentOnSite(url: string): Promise<string[]> {
  const { page, fake } = setup(null, { site: siteRulesFor(document, url)! });
  await page.translate();
  return sent(fake).sort();
}
