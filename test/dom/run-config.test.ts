// The content script's run settings: the first run's, taken from the settings asked for as the page loaded, say
// so (the session then lets a view the reader chose since win); settings asked for by the run itself do not.
import { runConfig } from "../../src/content/run-config";
import type { StartupConfig } from "../../src/content/startup-config";
import type { ContentConfig, Reply } from "../../src/shared/messages";
import { contentConfig } from "../helpers/content-config";

const reply: Reply<ContentConfig> = { ok: true, value: contentConfig() };
const ask = (() => Promise.resolve(reply)) as unknown as Parameters<typeof runConfig>[0];

it("settings from the start-up read are marked as read before the run", async () => {
  const startup: StartupConfig = { ask: () => Promise.resolve(reply), take: () => Promise.resolve(reply) };
  await expect(runConfig(ask, startup, { enabled: false })).resolves.toMatchObject({ readBeforeRun: true });
});

it("settings the run asked for are not", async () => {
  const startup: StartupConfig = { ask: () => Promise.resolve(reply), take: () => undefined };
  await expect(runConfig(ask, startup, { enabled: false })).resolves.toMatchObject({ readBeforeRun: false });
});
