// What hover sees of shadow roots, given at the edge: the extension opens closed ones too (content/platform.ts), so a
// page's closed widget drawing over its text hides that text; a script in the page's world (the userscript) sees open
// ones only, and looks through a closed host it cannot tell from a click catcher laid over a card.

export interface ShadowSight {
  /** The element's shadow root where this platform can see it (open, or closed too); null otherwise. */
  rootOf(element: Element): ShadowRoot | null;
}

/** Open roots only, as any script of the page sees them. */
export const OPEN_ROOTS_ONLY: ShadowSight = { rootOf: (element) => element.shadowRoot };
