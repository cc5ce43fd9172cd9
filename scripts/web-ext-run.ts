// How `npm run start:firefox` starts web-ext: its own script under this Node, not `npx`, which is `npx.cmd` on
// Windows, where spawning it without a shell fails (ENOENT, or EINVAL since Node 20.12.2).
import { join } from "node:path";

export function webExtRunCommand(
  root: string,
  options: { sourceDir: string; firefox: string; startUrl: string },
): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      join(root, "node_modules", "web-ext", "bin", "web-ext.js"),
      "run",
      "--source-dir",
      options.sourceDir,
      "--firefox",
      options.firefox,
      "--start-url",
      options.startUrl,
    ],
  };
}
