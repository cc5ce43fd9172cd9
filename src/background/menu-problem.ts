// What the reader chose in a page's right-click menu that could not show in the page (the element picker, kept out by
// the page, or taken out while the reader picked): the badge shows "!" and the popup says why, until the tab loads a
// page, closes, or is asked something again.
//
// The reasons outlive the worker (session storage, gone when the browser closes): the browser keeps the badge's "!"
// when the idle worker is stopped (after ~30 s in Chromium), and a reader who opens the popup later must still read
// why, not a badge the popup cannot explain.
import type { UserError } from "../shared/messages";
import { showBadge } from "./badge";
import { createTabRecords, sessionStore, type TabRecordStore } from "./tab-records";

/** Where the reasons are kept between the worker's lives: tab id → reason. */
export type ProblemStore = TabRecordStore;

export interface MenuProblems {
  note(tabId: number, error: UserError): Promise<void>;
  of(tabId: number): Promise<UserError | undefined>;
  forget(tabId: number): void;
}

const isUserError = (value: unknown): value is UserError =>
  !!value &&
  typeof value === "object" &&
  typeof (value as UserError).message === "string" &&
  ["fix", "kind"].every((key) => {
    const field = (value as Record<string, unknown>)[key];
    return field === undefined || typeof field === "string";
  });

export function createMenuProblems(store: ProblemStore): MenuProblems {
  const problems = createTabRecords(store, isUserError);
  return { note: problems.set, of: problems.get, forget: (tabId) => void problems.forget(tabId) };
}

const menuProblems = createMenuProblems(sessionStore("menuProblems"));

export async function noteMenuProblem(tabId: number, error: UserError): Promise<void> {
  await menuProblems.note(tabId, error);
  await showBadge(tabId, { status: "error", progress: { total: 0, done: 0, failed: 0 } }, "");
}

export const menuProblemOf = (tabId: number): Promise<UserError | undefined> => menuProblems.of(tabId);

export const forgetMenuProblem = (tabId: number): void => menuProblems.forget(tabId);
