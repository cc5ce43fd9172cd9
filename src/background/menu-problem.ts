// What the reader chose in a page's right-click menu that could not show in the page (the element picker, kept out by
// the page): the badge shows "!" and the popup says why, until the tab loads a page or is asked something again.
import type { UserError } from "../shared/messages";
import { showBadge } from "./badge";

const problems = new Map<number, UserError>();

export async function noteMenuProblem(tabId: number, error: UserError): Promise<void> {
  problems.set(tabId, error);
  await showBadge(tabId, { status: "error", progress: { total: 0, done: 0, failed: 0 } }, "");
}

export function menuProblemOf(tabId: number): UserError | undefined {
  return problems.get(tabId);
}

export function forgetMenuProblem(tabId: number): void {
  problems.delete(tabId);
}
