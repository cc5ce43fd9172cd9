// A test entry (engine-page-entry.ts, ui-page-styles-entry.ts) bundled into one script to put into a plain page:
// Gloss's page code on a real layout, without the extension or a server.
import { buildSync } from "esbuild";
import { resolve } from "node:path";

export function pageBundle(entry: string): string {
  const out = buildSync({ entryPoints: [resolve(__dirname, entry)], bundle: true, format: "iife", write: false });
  return (out.outputFiles[0] as { text: string }).text;
}

/** A script for such a page that keeps the closed shadow roots Gloss attaches in `window.__roots`, for a test to
 * measure in; put in before the bundle. */
export const RECORD_ROOTS = `{ const roots = []; window.__roots = roots; const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); roots.push(root); return root; }; }`;
