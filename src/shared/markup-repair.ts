// Repair before reject: the small deviations small models make in Gloss's placeholder tags, put right when what was
// meant is unambiguous, so the reply keeps its links and formatting instead of being retried or simplified.
// Repaired: the case and spacing of an issued placeholder's tag (`<A1>`, `< a1 >`, `</ a1>`), bracket style
// (`[a1]…[/a1]`, `[a1]…</a1>`), `<x3/>` for a placeholder that holds no text, and Markdown emphasis (`**…**`,
// `*…*`) standing for the one bold or italic placeholder the reply lost. Never repaired, so always rejected later:
// an attribute, a tag that was never issued, a text-holding placeholder written as `<a1/>`. (The page's own tag
// names for placeholders, `<strong>`, are read by the server client alone: src/llm/page-tags.ts.) Shared by the server
// client's checks (src/llm) and the page engine's decoder (src/core): both speak compact HTML.

export type RepairRule = "case" | "spacing" | "brackets" | "self-closing" | "markdown" | "tag-name";

/** An issued placeholder: its name (`a1`, `b2`, `x3`) and whether it enclosed text in the source. */
export interface IssuedPlaceholder {
  name: string;
  holdsText: boolean;
}

export interface Repaired {
  html: string;
  /** The rules that changed something, in the order applied. */
  repairs: RepairRule[];
}

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `[a1]`, `[/a1]`, `[ a1 ]` for issued names that the source does not hold as literal text. */
function fixBrackets(html: string, issued: ReadonlyMap<string, IssuedPlaceholder>, sourceHtml: string): string {
  // Asked once per tag, not per use: a reply looping on `[a1]` would search the source as often.
  const inSource = new Map<string, boolean>();
  return html.replace(/\[\s*(\/?)\s*([A-Za-z]\d{1,3})\s*\]/g, (whole, slash: string, raw: string) => {
    const name = raw.toLowerCase();
    if (!issued.has(name)) return whole;
    // The page's own text may hold "[a1]"; then the model copied it.
    const tag = `[${slash}${name}]`;
    let copied = inSource.get(tag);
    if (copied === undefined) inSource.set(tag, (copied = new RegExp(escapeRe(tag), "i").test(sourceHtml)));
    return copied ? whole : `<${slash}${name}>`;
  });
}

/** `<A1>`, `< a1 >`, `</ a1>`, `< /a1>`, `<a1 />` → canonical, for issued names only; anything else is left alone. */
function fixTags(
  html: string,
  issued: ReadonlyMap<string, IssuedPlaceholder>,
  note: (rule: RepairRule) => void,
): string {
  return html.replace(
    /<(\s*)(\/?)(\s*)([A-Za-z]\d{1,3})(\s*)(\/?)(\s*)>/g,
    (whole, s1: string, slash: string, s2: string, raw: string, s3: string, selfClose: string, s4: string) => {
      const name = raw.toLowerCase();
      const placeholder = issued.get(name);
      // `<a1/>` for a placeholder that held text would lose that text: not a deviation to repair.
      if (!placeholder || (slash && selfClose) || (selfClose && placeholder.holdsText)) return whole;
      if (raw !== name) note("case");
      if (s1 || s2 || (s3 && !selfClose) || s4) note("spacing");
      if (!selfClose) return `<${slash}${name}>`;
      note("self-closing");
      return `<${name}></${name}>`;
    },
  );
}

/** Markdown bold and italic spans, each with its marks and the placeholder letter it stands for. */
export const EMPHASIS: ReadonlyArray<{ letter: string; marks: readonly string[]; re: RegExp }> = [
  // Bold first, so that `**x**` is not read as italic `*` around `*x*`.
  { letter: "b", marks: ["**", "__"], re: /(?<![\p{L}\p{N}*_])(\*\*|__)(?=\S)([^*_\n]*?\S)\1(?![\p{L}\p{N}*_])/gu },
  { letter: "i", marks: ["*", "_"], re: /(?<![\p{L}\p{N}*_])([*_])(?=\S)([^*_\n]*?\S)\1(?![\p{L}\p{N}*_])/gu },
];

/** The placeholders of one kind (`b`: bold) that held text and that `html` has no tag of. */
export function lostOfKind(
  issued: ReadonlyMap<string, IssuedPlaceholder>,
  html: string,
  letter: string,
): IssuedPlaceholder[] {
  return [...issued.values()].filter(
    (p) => p.holdsText && p.name.startsWith(letter) && !html.includes(`<${p.name}>`) && !html.includes(`</${p.name}>`),
  );
}

/**
 * Markdown emphasis standing for a lost placeholder: only when exactly one emphasis span of that kind is in the
 * reply, exactly one placeholder of that kind (b: bold/strong, i: italic/em) held text and is missing, and the source
 * has none of the marks as text (then the model may simply have copied them).
 */
function fixMarkdown(
  html: string,
  issued: ReadonlyMap<string, IssuedPlaceholder>,
  sourceText: string,
  note: (rule: RepairRule) => void,
): string {
  let out = html;
  for (const { letter, marks, re } of EMPHASIS) {
    if (marks.some((mark) => sourceText.includes(mark))) continue;
    const spans = [...out.matchAll(re)];
    if (spans.length !== 1) continue;
    const missing = lostOfKind(issued, out, letter);
    if (missing.length !== 1) continue;
    const name = (missing[0] as IssuedPlaceholder).name;
    const m = spans[0] as RegExpMatchArray;
    const at = m.index ?? 0;
    out = `${out.slice(0, at)}<${name}>${m[2]}</${name}>${out.slice(at + m[0].length)}`;
    note("markdown");
  }
  return out;
}

/**
 * Repairs what is unambiguous in a reply for a segment with these placeholders. `sourceHtml` is the segment as sent
 * (to tell copied page text from a deviation). Returns the html unchanged when nothing applies.
 */
export function repairMarkup(html: string, placeholders: readonly IssuedPlaceholder[], sourceHtml: string): Repaired {
  if (!placeholders.length) return { html, repairs: [] };
  const issued = new Map(placeholders.map((p) => [p.name, p]));
  const repairs: RepairRule[] = [];
  const note = (rule: RepairRule): void => {
    if (!repairs.includes(rule)) repairs.push(rule);
  };
  // A placeholder written anywhere with more than a name (an attribute) is left exactly as written: it is rejected.
  for (const m of html.matchAll(/<\s*\/?\s*([A-Za-z]\d{1,3})\b([^>]*)>/g)) {
    if (/[^\s/]/.test(m[2] ?? "")) issued.delete((m[1] as string).toLowerCase());
  }
  let out = html;
  const bracketed = fixBrackets(out, issued, sourceHtml);
  if (bracketed !== out) note("brackets");
  out = fixTags(bracketed, issued, note);
  const sourceText = sourceHtml.replace(/<[^>]*>/g, " ");
  out = fixMarkdown(out, issued, sourceText, note);
  return { html: out, repairs };
}

/** The placeholders a compact-HTML source issued, and whether each enclosed text. */
export function issuedPlaceholders(sourceHtml: string): IssuedPlaceholder[] {
  const out: IssuedPlaceholder[] = [];
  for (const m of sourceHtml.matchAll(/<([a-z]\d+)>/g)) {
    const name = m[1] as string;
    const close = sourceHtml.indexOf(`</${name}>`, m.index);
    const inner = close < 0 ? "" : sourceHtml.slice(m.index + m[0].length, close);
    const text = inner.replace(/<[^>]*>/g, "").replace(/&(?:#\d+|#x[\da-f]+|\w+);/gi, "_");
    out.push({ name, holdsText: /\S/.test(text) });
  }
  return out;
}
