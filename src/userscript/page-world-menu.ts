// The manager's menu as the userscript registers it: in the page's world it is the only way in, and the first use of
// any command says why (PAGE_WORLD_MODE).
import type { GmApi } from "./gm-api";
import { PAGE_WORLD_MODE } from "./page-world";

/** `gm` whose registerMenuCommand, in the page's world, notifies PAGE_WORLD_MODE on the first command used. */
export function explainedMenu(gm: GmApi, pageWorld: boolean): GmApi {
  if (!pageWorld) return gm;
  let saidPageWorld = false;
  return {
    ...gm,
    registerMenuCommand(caption, onClick, accessKey) {
      const explained = () => {
        if (!saidPageWorld) gm.notify(PAGE_WORLD_MODE);
        saidPageWorld = true;
        onClick();
      };
      gm.registerMenuCommand(caption, explained, accessKey);
    },
  };
}
