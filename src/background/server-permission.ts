// A server other than 127.0.0.1/localhost needs a host permission the user grants on the options page. Without it
// requests fail in ways that look like "server down"; say what is really missing instead.
import { ext } from "../extension/api";
import { serverOriginPattern } from "../shared/site-rules";
import type { TranslateError } from "../shared/translator";

export async function missingServerPermission(baseUrl: string): Promise<TranslateError | undefined> {
  const pattern = serverOriginPattern(baseUrl);
  if (!pattern) return undefined;
  const granted = await ext.permissions.contains({ origins: [pattern] }).catch(() => false);
  if (granted) return undefined;
  return {
    kind: "bad-config",
    message: `Gloss is not allowed to reach ${new URL(baseUrl).host}.`,
    fix: "Open Gloss's options page, press Save (or Test connection) and allow access when the browser asks.",
  };
}
