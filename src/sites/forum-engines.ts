// The forum engines Gloss knows by their markup (self-hosted, on any address): phpBB and XenForo.
import { phpBB } from "./phpbb";
import type { SiteAdapter } from "./site-adapter";
import { xenForo } from "./xenforo";

export const FORUM_ENGINES: readonly SiteAdapter[] = [xenForo, phpBB];
