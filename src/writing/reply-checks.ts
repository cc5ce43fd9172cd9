// What the card says about a translation Gloss does not write into the box: the model added a link, address or HTML
// of its own, answered in another language, or lost part of the text; with what the reader can do about it.
import { sameLanguage } from "../core/lang";
import { languageName } from "../shared/languages";
import { addedMarkup } from "./added-markup";
import type { CardState } from "./writing-card";

/** What to do about a bad reply, where the user can do it. */
export const TRY_LARGER = "Try again, or a larger model (Writing model, in Gloss's settings).";

/** Why a model adds a link of its own: the page's words reach it with the user's. */
const STEERED = "The page's title goes to the model with your text, and a page can steer a model into this.";

/** Markup in `translation` that was not in the reader's `text`: why Gloss left the text as it was. */
export function addedProblem(text: string, translation: string, lang: string): CardState | undefined {
  const added = addedMarkup(text, translation);
  if (!added) return undefined;
  return {
    kind: "problem",
    message: `The model added ${added} that was not in your text, so Gloss left your text as it was.`,
    notes: [STEERED, TRY_LARGER],
    lang,
  };
}

/** The reply's language, told as `replyLang`, is not `lang`: why Gloss left the text as it was. */
export function otherLanguageProblem(replyLang: string | undefined, lang: string): CardState | undefined {
  if (!replyLang || sameLanguage(replyLang, lang)) return undefined;
  return {
    kind: "problem",
    message: `The model answered in ${languageName(replyLang)}, not ${languageName(lang)}, so Gloss left your text as it was.`,
    notes: [TRY_LARGER],
    lang,
  };
}

/** The translation broke a placeholder (`problem` says which) twice: why Gloss left the text as it was. */
export const lostPartProblem = (problem: string, lang: string): CardState => ({
  kind: "problem",
  message: `The translation lost part of your text (${problem}), so Gloss left it as it was.`,
  notes: [TRY_LARGER],
  lang,
});
