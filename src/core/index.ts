// Gloss page engine: collect translation units, encode them as compact markup, send them through a Translator,
// write the checked translations back into the live page reusing its nodes, and restore the exact original.
// DOM only: no network, no extension or userscript API.

export { createPageTranslator, createTranslationMemory } from "./page-translator";
export type { TranslationCache } from "./bounded-map";
export { createFramedPageTranslator, type FramedPageOptions } from "./frames/framed-page";
export type {
  BilingualStyle,
  DisplayMode,
  PageState,
  PageTranslator,
  PageTranslatorOptions,
  Progress,
  SiteRules,
  Summary,
} from "./types";
export { DISPLAY_MODES } from "./display/display-writer";
export {
  encodeUnit,
  encodePlain,
  type EncodedUnit,
  type EncodeOptions,
  type Placeholder,
  type Role,
} from "./markup/encode";
export { escapeText } from "../shared/html-text";
export { decodeUnit, decodeText, normaliseSelfClosing, type Decoded, type DecodedText } from "./markup/decode";
export { mergeUnit } from "./write/merge";
export { canParseHtml } from "./markup/sanitize";
export { restoreContent, type ContentSnapshot } from "./restore/snapshot";
export { collectUnits, type CollectResult, type ContentUnitSpec, type AttributeUnitSpec } from "./collect/collect";
export { passageTexts, type PassageLookupOptions } from "./collect/passage";
export { framedText, type FramedText } from "./collect/framed-text";
export { oneOf, primarySubtag, sameLanguage } from "./lang";
export {
  isFatalError,
  isSegmentError,
  type BadReplyReason,
  type Segment,
  type SegmentResult,
  type TranslateError,
  type TranslateErrorKind,
  type TranslateOptions,
  type Translator,
} from "../shared/translator";
