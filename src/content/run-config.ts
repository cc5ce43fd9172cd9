// A run's settings in the content script: the first run's from the startup config (startup-config.ts), later ones
// asked for; limits the server has not given yet follow when it does.
import type { HeldCue } from "../session/held-cue";
import type { SessionConfig } from "../session/session-config";
import type { ContentTools } from "./reader-tools";
import type { StartupConfig } from "./startup-config";

/** A run's settings: the first run's from the startup config, later ones asked for. */
export async function runConfig(
  ask: ContentTools["ask"],
  firstConfig: StartupConfig,
  cue: Pick<HeldCue, "enabled">,
): Promise<SessionConfig> {
  const url = location.href;
  const early = firstConfig.take(url);
  const reply = await (early ?? ask("getContentConfig", { url }));
  if (!reply.ok) throw new Error(reply.error.message);
  cue.enabled = reply.value.progressCue;
  const config: SessionConfig = { ...reply.value, readBeforeRun: early !== undefined };
  if (reply.value.limitsKnown) return config;
  // The server has not said what it can do yet: start with defaults, take its answer in when it comes.
  const serverLimits = async () => {
    const later = await ask("getContentConfig", { url, waitForServer: true });
    return later.ok
      ? { maxBatchChars: later.value.maxBatchChars, maxConcurrent: later.value.maxConcurrent }
      : undefined;
  };
  return { ...config, serverLimits };
}
