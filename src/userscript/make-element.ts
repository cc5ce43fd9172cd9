// Making the settings dialog's elements: `make("button", { type: "button" })` is the element with those properties.
export type Make = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Record<string, unknown>,
) => HTMLElementTagNameMap[K];

/** Makes elements in `doc` (the page's document: the dialog's closed shadow root belongs to it). */
export const elementMaker =
  (doc: Document): Make =>
  (tag, props = {}) =>
    Object.assign(doc.createElement(tag), props);
