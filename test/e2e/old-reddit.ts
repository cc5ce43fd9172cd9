// Old Reddit as a page does it in a real browser: "load more comments" inserts a new comment thing.
import type { Page } from "playwright-core";

/**
 * Run in the page (any driver's evaluate): appends a comment the way old Reddit's "load more comments" does
 * (`.thing.comment > .entry > … > .md > p`).
 */
export function insertOldRedditComment([thingId, body]: readonly [string, string]): void {
  const thing = document.createElement("div");
  thing.className = "thing comment noncollapsed";
  thing.id = thingId;
  const entry = document.createElement("div");
  entry.className = "entry";
  const container = document.createElement("div");
  container.className = "usertext-body md-container";
  const md = document.createElement("div");
  md.className = "md";
  const p = document.createElement("p");
  p.textContent = body;
  md.append(p);
  container.append(md);
  entry.append(container);
  thing.append(entry);
  document.querySelector(".commentarea > .sitetable")!.append(thing);
}

export async function addOldRedditComment(page: Page, id: string, text: string): Promise<void> {
  await page.evaluate(insertOldRedditComment, [id, text] as const);
}
