// What the writing e2e tests share: the user's English text, and reading Gloss's reply-box card in the page.
import type { Page } from "playwright-core";
import { eventually } from "../helpers/eventually";
import { closedShadowText } from "./closed-shadow";

/** Every word is in the double's English → German list, so the reply reads as German to a language detector. */
export const ENGLISH = "I think the train is always late, but the people here are very nice.";

/** What Gloss's card beside the box (or at the top of the page) says, once it says something matching `pattern`. */
export async function cardSays(page: Page, pattern: RegExp): Promise<string> {
  return eventually(async () => {
    const text = await closedShadowText(page, "writing");
    expect(text).toMatch(pattern);
    return text!;
  });
}
