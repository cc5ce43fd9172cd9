// BCP 47 language tags as settings hold them: a well-formedness check and canonical casing.

/** Well-formed BCP 47 (RFC 5646 2.1, less 4–8 letter languages and grandfathered tags): a page's lang is its text. */
const LANG_TAG =
  /^[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;

/** Canonical casing for a BCP 47 tag: `pt-br` → `pt-BR`, `zh-hant` → `zh-Hant`. */
export function normalizeLangTag(tag: string): string {
  return tag
    .trim()
    .split("-")
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join("-");
}

export function isLangTag(value: unknown): value is string {
  return typeof value === "string" && LANG_TAG.test(value.trim());
}
