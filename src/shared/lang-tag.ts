// BCP 47 language tags as settings hold them: a loose shape check and canonical casing.

const LANG_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

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
