// The forum engines Gloss knows by their markup (self-hosted, on any address): XenForo, phpBB, WoltLab Suite and vBulletin 5.
import { phpBB } from "./phpbb";
import type { SiteAdapter } from "./site-adapter";
import { vBulletin } from "./vbulletin";
import { woltLab } from "./woltlab";
import { xenForo } from "./xenforo";

export const FORUM_ENGINES: readonly SiteAdapter[] = [xenForo, phpBB, woltLab, vBulletin];
