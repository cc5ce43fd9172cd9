// The WebExtension API object. Firefox exposes promise-based `browser`; Chromium's `chrome` returns promises in MV3.
// Both have the same shape for everything Gloss uses, so the rest of the code is written once against `chrome`'s types.
type ExtensionApi = typeof chrome;

export const ext: ExtensionApi = ((globalThis as { browser?: ExtensionApi }).browser ??
  globalThis.chrome) as ExtensionApi;

export const isFirefox = typeof (globalThis as { browser?: unknown }).browser !== "undefined";
