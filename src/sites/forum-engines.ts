// The forum engines Gloss knows by their markup (self-hosted, on any address): XenForo, phpBB and WoltLab Suite.
import { phpBB } from "./phpbb";
import type { SiteAdapter } from "./site-adapter";
import { woltLab } from "./woltlab";
import { xenForo } from "./xenforo";

export const FORUM_ENGINES: readonly SiteAdapter[] = [xenForo, phpBB, woltLab];
