// This install's key, which names the handover event between an old content script and a new one
// (shared/handover-event.ts): it must outlive updates, as both scripts of one are of different versions.
import { HANDOVER_KEY } from "../shared/handover-event";
import { keptId } from "./kept-id";

export const handoverKey = keptId(HANDOVER_KEY);
