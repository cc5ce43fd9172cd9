// A settings file as the extension's options page saves it, for the userscript's Restore from a file… in Chromium
// and Firefox: the same server as the test's, the bilingual view underlined, one site and one reply language.
import { DEFAULTS } from "../../src/shared/settings";
import { backupText, createBackup } from "../../src/shared/settings-backup";

export function extensionBackupText(baseUrl: string): string {
  return backupText(
    createBackup(
      {
        ...DEFAULTS,
        baseUrl,
        targetLang: "en",
        autoTranslate: ["reddit.com/r/de"],
        displayMode: "bilingual",
        bilingualStyle: "underline",
      },
      { "reddit.com/r/france": "fr" },
      "0.1.0",
      new Date(),
    ),
  );
}
