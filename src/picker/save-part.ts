// What the picker's Save does in the extension: sends the part to the background, which adds it to the settings, and
// has a page shown translated follow the new rule at once (its original back, then translated again; passages
// already translated come from the saved translations).
import type { Reply, ResponseOf } from "../shared/messages";
import { showsTranslation, type ContentReport } from "../shared/messages";
import type { PickedPart, SaveOutcome } from "./element-picker";

/** The page's translation session, as far as the picker uses it (session/page-session.ts). */
export interface ShownPage {
  report(): Pick<ContentReport, "status" | "progress">;
  restore(): void;
  translate(): Promise<void>;
}

export async function savePart(
  part: PickedPart,
  sendPart: (part: PickedPart) => Promise<Reply<ResponseOf<"addSkipPart">>>,
  page: ShownPage | undefined,
): Promise<SaveOutcome> {
  const reply = await sendPart(part);
  if (!reply.ok) return { ok: false, message: reply.error.message };
  const { selector, site } = reply.value.part;
  if (page && showsTranslation(page.report())) {
    page.restore();
    void page.translate();
    return {
      ok: true,
      message: `Saved: ${selector} stays untranslated on ${site}. The page is translated again without it.`,
    };
  }
  return { ok: true, message: `Saved: ${selector} stays untranslated on ${site} from the next translation.` };
}
