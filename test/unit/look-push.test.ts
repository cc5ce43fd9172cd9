// A new look saved for bilingual translations goes to the pages already open that run Gloss, and nothing else does:
// a new target language or server must not retranslate a page behind the reader's back.
import "../helpers/fake-extension"; // the background modules read the extension API as they load
import { pushLook, type LookChannel } from "../../src/background/look-push";
import { saveSettings, watchSettings, type SettingsChange } from "../../src/background/settings-store";
import type { ContentCommand } from "../../src/shared/messages";

/** Tabs 1 and 2 run Gloss (2 no longer answers: its page went away); the browser has other tabs without it. */
function browser(): LookChannel & { sent: Array<[number, ContentCommand]> } {
  const sent: Array<[number, ContentCommand]> = [];
  return {
    sent,
    tabs: async () => [2, 1],
    send: async (tabId, command) => {
      if (tabId === 2) throw new Error("Could not establish connection. Receiving end does not exist.");
      sent.push([tabId, command]);
      return null;
    },
  };
}

/** The next change the background hears of, after `save`. */
function changeAfter(save: () => Promise<unknown>): Promise<SettingsChange> {
  return new Promise((resolve) => {
    let waiting = true;
    watchSettings((change) => {
      if (waiting) resolve(change);
      waiting = false;
    });
    void save();
  });
}

it("a newly saved look goes to every tab that runs Gloss, past one that does not answer", async () => {
  await saveSettings({ bilingualStyle: "quiet" });
  const change = await changeAfter(() => saveSettings({ bilingualStyle: "highlight" }));
  const channel = browser();
  await pushLook(channel, change);
  expect(channel.sent).toEqual([[1, { command: "bilingual-style", style: "highlight" }]]);
});

it("a new target language, server or display mode is not pushed; nor a save that keeps the look", async () => {
  await saveSettings({ bilingualStyle: "blur" });
  const change = await changeAfter(() =>
    saveSettings({
      targetLang: "fr",
      baseUrl: "http://127.0.0.1:11434/v1",
      displayMode: "bilingual",
      bilingualStyle: "blur",
    }),
  );
  expect(change.after.targetLang).toBe("fr");
  const channel = browser();
  await pushLook(channel, change);
  expect(channel.sent).toEqual([]);
});
