// The message handlers the content script sends from a page: forgetting a translation, the writing language of a
// site, a part to skip, the picker taken out, the progress report. Each reads where it came from off the sender.
import { isSegment } from "../shared/messages";
import { isLangTag } from "../shared/settings";
import { rulesFor } from "../shared/translation-rules";
import { addSkipPart } from "../shared/add-skip-part";
import type { TranslationService } from "../connection/translation-service";
import { bad, ok, type HandlerMap } from "./handler-reply";
import { noteMenuProblem } from "./menu-problem";
import { PICKER_TAKEN_OUT } from "./part-picker";
import { isReport } from "./report-check";
import { requestContextOf } from "./request-context";
import { ownAddress } from "./sender";
import { loadSettings, updateSettings } from "./settings-store";
import { recordReport } from "./tab-control";
import { writingLanguages } from "./writing-languages";

type ContentHandlers = Pick<
  HandlerMap,
  | "forgetTranslation"
  | "getWritingLanguage"
  | "setWritingLanguage"
  | "addSkipPart"
  | "pickerTakenOut"
  | "reportProgress"
>;

export function contentHandlers(service: TranslationService): ContentHandlers {
  return {
    async forgetTranslation(request, sender) {
      if (!isSegment(request.segment) || typeof request.targetLang !== "string") return bad("Malformed request.");
      const url = sender.url ?? sender.tab?.url ?? "";
      const context = requestContextOf(sender, url);
      const settings = await loadSettings();
      const scope = { targetLang: request.targetLang, rules: rulesFor(settings, request.targetLang, url) };
      await service.forget(settings, request.segment, scope, context);
      return ok(null);
    },
    async getWritingLanguage(_request, sender) {
      const url = sender.url ?? sender.tab?.url;
      const lang = url ? await writingLanguages.get(url) : undefined;
      return ok(lang ? { lang } : {});
    },
    async setWritingLanguage(request, sender) {
      const url = sender.url ?? sender.tab?.url;
      if (!url || typeof request.lang !== "string" || (request.lang && !isLangTag(request.lang))) {
        return bad("That is not a language.");
      }
      // Private windows leave no trace of where the user wrote.
      if (sender.tab?.incognito !== true) await writingLanguages.set(url, request.lang);
      return ok(null);
    },
    async addSkipPart(request, sender) {
      // Only for the page the reader picked it on: the rule must cover the sender's own address.
      const added = await addSkipPart(updateSettings, request, sender.url ?? sender.tab?.url);
      return added.ok ? ok({ part: added.part }) : bad(added.message);
    },
    async pickerTakenOut(_request, sender) {
      // The picker shows in the tab's top frame only (part-picker.ts).
      if (sender.tab?.id === undefined || (sender.frameId ?? 0) !== 0) return bad("Not from a tab's page.");
      await noteMenuProblem(sender.tab.id, PICKER_TAKEN_OUT);
      return ok(null);
    },
    async reportProgress(request, sender) {
      if (!isReport(request) || sender.tab?.id === undefined) return bad("Malformed progress report.");
      // The address stands for the tab's where the browser does not say it (the menu's site, the site a display mode
      // is saved for): a script may only report its own.
      if (request.url !== undefined && !ownAddress(request.url, sender.url)) return bad("Not this page's address.");
      // The badge, popup and menu mirror the tab's page. A frame Gloss went into for the reader (a selection there, a
      // reply box) shows its own progress in its own card; as the tab's, it named the frame's site in the menu. The
      // frame says so itself: a page Chrome prerendered is the tab's page with a frameId other than 0.
      if (request.inFrame) return ok(null);
      await recordReport(sender.tab.id, request, sender.tab.incognito === true);
      return ok(null);
    },
  };
}
