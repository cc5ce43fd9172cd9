// Gloss's in-page status card and reply-box card for DOM tests. The cards live in closed shadow roots; the check
// Gloss makes of each root hands the test the root.
import { createLookupCard, type LookupCardOptions } from "../../src/lookup/lookup-card";
import { createStatusPanel, type StatusPanelOptions } from "../../src/session/status-panel";
import { createWritingCard, type WritingCardOptions } from "../../src/writing/writing-card";

export function statusCard(options: Partial<StatusPanelOptions> = {}) {
  let root: ShadowRoot | undefined;
  const panel = createStatusPanel(document, {
    onShowOriginal: () => undefined,
    onTryAgain: () => undefined,
    verify: (_host, shadow) => Boolean((root = shadow)),
    // A test's clicks and keys stand for the reader's (jsdom's are all made by script).
    isTrusted: () => true,
    ...options,
  });
  return { panel, root: () => root as ShadowRoot };
}

export function writingCard(options: Partial<WritingCardOptions> = {}) {
  let root: ShadowRoot | undefined;
  const card = createWritingCard(document, {
    onBlocked: () => undefined,
    onTranslate: () => undefined,
    onRestore: () => undefined,
    onClose: () => undefined,
    verify: (_host, shadow) => Boolean((root = shadow)),
    // A test's clicks and keys stand for the reader's (jsdom's are all made by script).
    isTrusted: () => true,
    ...options,
  });
  return { card, root: () => root as ShadowRoot };
}

export function lookupCard(options: Partial<LookupCardOptions> = {}) {
  let root: ShadowRoot | undefined;
  const card = createLookupCard(document, {
    verify: (_host, shadow) => Boolean((root = shadow)),
    // A test's clicks and keys stand for the reader's (jsdom's are all made by script).
    isTrusted: () => true,
    onBlocked: () => undefined,
    onTranslateParagraph: () => undefined,
    onTryAgain: () => undefined,
    onClose: () => undefined,
    ...options,
  });
  return { card, root: () => root as ShadowRoot };
}
