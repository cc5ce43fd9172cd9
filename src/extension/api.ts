// The WebExtension API object: Firefox's promise-based `browser`, or Chromium's `chrome` (promises in MV3; recent
// Chromium defines `browser` too). Both have the same shape for everything Gloss uses, so the code is written once
// against `chrome`'s types. Do not test for `browser` to detect Firefox: Chromium has it as well.
type ExtensionApi = typeof chrome;

export const ext: ExtensionApi = ((globalThis as { browser?: ExtensionApi }).browser ??
  globalThis.chrome) as ExtensionApi;
