// Markdown emphasis a model added on its own ("**Guten Morgen**", "Lesen Sie den *ganzen* Artikel"): Gemma and Llama
// bold what they think matters. Where it stands for a lost tag, repairMarkup has already made it that tag; what is
// left would show its asterisks on the page.
import { EMPHASIS } from "../shared/markup-repair";

/** The reply with the marks of each emphasis span dropped (its words kept), for marks the page's text never uses. */
export function dropAddedEmphasis(html: string, sourceHtml: string): string {
  const sourceText = sourceHtml.replace(/<[^>]*>/g, " ");
  let out = html;
  for (const { marks, re } of EMPHASIS) {
    if (marks.some((mark) => sourceText.includes(mark))) continue;
    out = out.replace(re, (_whole, _mark: string, words: string) => words);
  }
  return out;
}
