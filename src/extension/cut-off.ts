// Whether a content script's extension went away under it (Gloss updated, reloaded or turned off while the page
// stayed open), and what to tell the reader then: only reloading the page brings Gloss back to it.

/** Chromium leaves a cut-off script's runtime without an id (or throws on reading it). */
export function extensionGone(runtime: () => { id?: string } | undefined): boolean {
  try {
    return !runtime()?.id;
  } catch {
    return true;
  }
}

export const CUT_OFF = {
  message: "Gloss was updated, reloaded or turned off while this page was open.",
  fix: "Reload the page to use Gloss on it again.",
} as const;
