// The only place where model output becomes DOM. DOMPurify parses the reply in an inert document (its own
// DOMParser, never the live page) and keeps exactly the placeholder names issued for the unit, without attributes.
// Deliberately not used (each 2026 DOMPurify advisory needed one of them): IN_PLACE, SAFE_FOR_TEMPLATES, setConfig,
// hooks, function-form options, custom-element handling.
// Trusted Types: Gloss only takes a DocumentFragment back and never assigns a string to a sink, so it needs no
// policy. DOMPurify would otherwise try to create one named "dompurify" wherever `trustedTypes` exists, and on a page
// whose CSP forbids it that attempt is a violation the page's report endpoint hears about.

import createDOMPurify from "dompurify";
import type { DOMPurify, WindowLike } from "dompurify";
import { plainTextFragment } from "./plain-text-fragment";

const purifiers = new WeakMap<Window, DOMPurify>();

/** DOMPurify bound to the window of the document being translated (jsdom, content script or userscript). */
export function purifierFor(win: Window): DOMPurify {
  let purify = purifiers.get(win);
  if (!purify) {
    // The module's own instance is already bound to this script's window (made as it loaded): a second one would
    // cost the first write several milliseconds.
    const own = typeof window !== "undefined" && win === window;
    purify = own ? createDOMPurify : createDOMPurify(win as unknown as WindowLike);
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

const parsing = new WeakMap<Window, boolean>();

/**
 * Whether this window lets Gloss parse HTML from a string. A page that enforces Trusted Types
 * (`require-trusted-types-for 'script'`) forbids it to scripts in its own world (a userscript there); extension
 * content scripts are exempt. Asked once per window: on such a page the question itself is one CSP violation.
 */
export function canParseHtml(win: Window): boolean {
  let allowed = parsing.get(win);
  if (allowed === undefined) {
    try {
      new (win as Window & typeof globalThis).DOMParser().parseFromString("", "text/html");
      allowed = true;
    } catch {
      allowed = false;
    }
    parsing.set(win, allowed);
  }
  return allowed;
}

/** Parse `html` inertly and keep only `allowedTags` (no attributes at all); text of removed tags is kept. */
export function sanitizeToFragment(win: Window, html: string, allowedTags: readonly string[]): Sanitized {
  // DOMPurify would swallow the page's refusal and return nothing, which looks like an empty reply.
  if (!canParseHtml(win)) throw new Error("Gloss: this page's Trusted Types policy forbids parsing HTML here.");
  const plain = plainTextFragment(win, html);
  if (plain) return { fragment: plain, removed: [] };
  const purify = purifierFor(win);
  const fragment = purify.sanitize(html, {
    ALLOWED_TAGS: [...allowedTags],
    ALLOWED_ATTR: [],
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
    TRUSTED_TYPES_POLICY: null,
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
