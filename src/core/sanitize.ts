// The only place where model output becomes DOM. DOMPurify parses the reply in an inert document (its own
// DOMParser, never the live page) and keeps exactly the placeholder names issued for the unit, without attributes.
// Deliberately not used (each 2026 DOMPurify advisory needed one of them): IN_PLACE, SAFE_FOR_TEMPLATES, setConfig,
// hooks, function-form options, custom-element handling.

import createDOMPurify from "dompurify";
import type { DOMPurify, WindowLike } from "dompurify";

const purifiers = new WeakMap<Window, DOMPurify>();

/** DOMPurify bound to the window of the document being translated (jsdom, content script or userscript). */
export function purifierFor(win: Window): DOMPurify {
  let purify = purifiers.get(win);
  if (!purify) {
    purify = createDOMPurify(win as unknown as WindowLike);
    // Without a DOM, DOMPurify returns its input unchanged: refuse instead of failing open.
    if (!purify.isSupported || typeof purify.sanitize !== "function") {
      throw new Error("Gloss: DOMPurify is not supported in this environment; refusing to insert translations.");
    }
    purifiers.set(win, purify);
  }
  return purify;
}

export interface Sanitized {
  fragment: DocumentFragment;
  /** Tag names the sanitizer removed (invented tags), lower-case. */
  removed: string[];
}

/** Parse `html` inertly and keep only `allowedTags` (no attributes at all); text of removed tags is kept. */
export function sanitizeToFragment(win: Window, html: string, allowedTags: readonly string[]): Sanitized {
  const purify = purifierFor(win);
  const fragment = purify.sanitize(html, {
    ALLOWED_TAGS: [...allowedTags],
    ALLOWED_ATTR: [],
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  });
  const removed: string[] = [];
  for (const entry of purify.removed) {
    if ("element" in entry && entry.element && entry.element.nodeType === 1) {
      const name = (entry.element as Element).localName;
      // DOMPurify reports its own wrapper body; that is not part of the reply.
      if (name !== "body") removed.push(name);
    }
  }
  return { fragment, removed };
}
