// Gloss's in-page cards in each state a reader meets, and the userscript's settings dialog, for accessibility-chromium.test.ts
// to audit: the states of ui-page-styles-entry.ts and the others (working, problems, progress, notes).
import { createStatusPanel } from "../../src/session/status-panel";
import type { ContentReport } from "../../src/shared/messages";
import { showLookup, showWriting } from "./ui-page-styles-entry";

const gloss = (globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss;

function showStatus(report: Partial<ContentReport>): void {
  const panel = createStatusPanel(document, {
    onShowOriginal() {},
    onTryAgain() {},
    onSettings() {},
    verbosity: "all",
    isTrusted: () => true,
  });
  panel.show({ status: "translating", progress: { done: 0, total: 0, failed: 0 }, ...report } as ContentReport);
}

Object.assign(gloss, {
  statusTranslating: () => showStatus({ progress: { done: 3, total: 8, failed: 0 } }),
  statusTranslated: () =>
    showStatus({
      status: "translated",
      progress: { done: 8, total: 8, failed: 2 },
      failure: { message: "2 passages stayed in the original." },
    }),
  statusNotice: () => showStatus({ status: "idle", notice: "Select some text first." }),
  lookupWorking: (id: string) => showLookup(id, { kind: "working", source: "Wort", server: "loading" }),
  lookupProblem: (id: string) =>
    showLookup(id, { kind: "problem", source: "Wort", message: "The server did not answer.", fix: "Start it." }),
  lookupNote: (id: string) =>
    showLookup(id, { kind: "note", source: "Wort", message: "Already in English:", text: "word", lang: "en" }),
  writingWorking: (id: string) => showWriting(id, { kind: "working", message: "Translating what you wrote…" }),
  writingDone: (id: string) =>
    showWriting(id, { kind: "done", message: "Translated into German.", notes: ["Check it."], canRestore: true }),
  writingProblem: (id: string) =>
    showWriting(id, { kind: "problem", message: "The box did not take it.", preview: "Das Wort", lang: "de" }),
});
