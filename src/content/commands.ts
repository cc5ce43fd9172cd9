// What each command from the background does to this page: its translation, the reply-box writer, the look-ups.
import { ext, onRuntimeMessage } from "../extension/api";
import { isContentCommand, type ContentCommand, type ContentReport, type FrameAccess } from "../shared/messages";
import { frameOutOfReachText } from "../shared/frame-reach-text";
import type { PageSession } from "../session/page-session";
import { readerSelection } from "../session/selection";
import type { Writer } from "../writing/writer";
import type { Lookups } from "../lookup/lookups";

/** The parts of the page a command may set to work. */
export interface CommandedPage {
  session: PageSession;
  /** The reply-box writer, made on the first command that needs it. */
  writer(): Writer;
  lookups: Lookups;
  /** The page's state as the popup and the badge show it, with what its own UI could not show. */
  report(): ContentReport;
  /** A command reached this session (not only a look saved on the options page). */
  commanded(): void;
}

/** The status card's words for a selection in a frame of another site that Gloss may not enter. */
function selectionOutOfReach(site: string, access: FrameAccess): string {
  const { message, note } = frameOutOfReachText(site, access, "selection");
  return `${message} ${note}`;
}

/** Carries out `message` and answers it: the page's state, or for a frame's command whether this page took it. */
function answerCommand(message: ContentCommand, page: CommandedPage): Promise<unknown> {
  const { session, lookups, writer } = page;
  // A look the reader saved on the options page: not a command to this page, so a later press still goes by its
  // state (see __glossStartPress). Copies shown take it in place; a page shown original keeps it for later.
  if (message.command === "bilingual-style") {
    session.setBilingualStyle(message.style);
    return Promise.resolve(null);
  }
  // A selection in a frame is this page's only when the frame is one it translates with the page.
  if (message.command === "frame-passage") {
    const inFrame = readerSelection(document).doc !== document;
    if (!inFrame) return Promise.resolve(false);
  }
  // Translate what I wrote in a frame is this page's only when the box with the focus is in a frame it reads.
  if (message.command === "frame-write" && !writer().focusInFrame()) return Promise.resolve(false);
  // A command reached this session: a later press goes by its state (see __glossStartPress).
  page.commanded();
  switch (message.command) {
    case "write":
      void writer().translateField();
      break;
    case "choose-language":
      void writer().chooseLanguage();
      break;
    case "frame-write":
      void (message.choose ? writer().chooseLanguage() : writer().translateField());
      return Promise.resolve(true);
    case "frame-out-of-reach":
      if (message.about === "writing") writer().frameOutOfReach(message.site, message.access);
      else session.say(selectionOutOfReach(message.site, message.access));
      break;
    case "translate":
      void session.translate();
      break;
    case "retry":
      void session.retry();
      break;
    case "restore":
      session.restore();
      break;
    case "toggle":
      void session.toggle();
      break;
    case "passage":
      void lookups.translateSelection(document);
      break;
    case "frame-passage":
      void lookups.translateSelection(document);
      return Promise.resolve(true);
    case "display":
      session.setDisplayMode(message.mode);
      break;
  }
  // Answer with the state right after the command took effect; progress follows via reportProgress.
  return Promise.resolve(page.report());
}

/** Takes the background's commands to this page: from Gloss's own background only, never from a page. */
export function listenForCommands(page: CommandedPage): void {
  onRuntimeMessage((message, sender) => {
    if (sender.id !== ext.runtime.id || sender.tab || !isContentCommand(message)) return undefined;
    return answerCommand(message, page);
  });
}
