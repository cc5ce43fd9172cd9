// The session's runs: one run reads the settings, has the engine do its work (the page, or passages) and puts its
// outcome in the session's state; a passage asked for while a run reads its settings goes to that run's engine.
import type { PageTranslator, Summary } from "../core";
import type { UserError } from "../shared/messages";
import type { EngineLook } from "./engine-options";
import type { SessionTranslator } from "./request-context";
import { finishRun, UNEXPECTED } from "./run-outcome";
import { parsingBlocked, settingsUnreadable, startRun, stopBeforeEngine } from "./run-start";
import type { SessionConfig } from "./session-config";
import type { SessionEngine } from "./session-engine";
import type { SessionState } from "./session-report";

/** What a run does with the engine: translate the page, or passages. */
export type Work = (current: PageTranslator) => Promise<Summary>;

/** What runs work with: the platform's settings and page, the session's state, engine and translator, its report. */
export interface SessionRunParts {
  deps: { document: Document; getConfig(): Promise<SessionConfig>; parsingBlocked?: UserError };
  state: SessionState;
  engine: SessionEngine;
  sent: SessionTranslator;
  emit(): void;
  /** How translations are shown for a run with `config`, read from now on (a choice made meanwhile is newer). */
  lookFrom(): (config: SessionConfig) => EngineLook;
}

/** The session's runs: the latest is the one whose outcome the session shows (`state.run`). */
export interface SessionRuns {
  /** The current run's engine once its settings are read (undefined if it stopped before): a passage asked for while
   * they are read goes to it, and does not start a run of its own that would leave the rest of the page untranslated. */
  runEngine: Promise<PageTranslator | undefined>;
  /** A new run that does `work` with the engine. */
  begin(work: Work): Promise<void>;
}

export function sessionRuns(p: SessionRunParts): SessionRuns {
  const runs: SessionRuns = {
    runEngine: Promise.resolve(undefined),
    async begin(work) {
      let started: (current: PageTranslator | undefined) => void = () => undefined;
      runs.runEngine = new Promise((resolve) => (started = resolve));
      try {
        await runWith(p, work, started);
      } finally {
        started(undefined);
      }
    },
  };
  return runs;
}

/** A run: settings, then the engine's work (the page, or passages), then the outcome. */
async function runWith(p: SessionRunParts, work: Work, started: (current: PageTranslator) => void): Promise<void> {
  const { deps, state: s, emit } = p;
  const myRun = ++s.run;
  const shown = startRun(s);
  emit();
  let config: SessionConfig;
  const look = p.lookFrom();
  try {
    config = await deps.getConfig();
  } catch (e) {
    stopBeforeEngine(s, shown, settingsUnreadable(e));
    emit();
    return;
  }
  if (myRun !== s.run) return; // restored while reading settings
  const blocked = parsingBlocked(deps.document.defaultView, deps.parsingBlocked);
  if (blocked) {
    stopBeforeEngine(s, shown, blocked);
    emit();
    return;
  }
  const summary = await engineWork(p, config, look(config), work, started, myRun);
  if (!summary || myRun !== s.run) return;
  s.settled = true;
  if (finishRun(s, summary, config, deps.document)) p.engine.current?.restore();
  emit();
}

/** The engine's work in run `myRun`; undefined if it threw (a bug: the run ends in an error, never "translating"). */
async function engineWork(
  p: SessionRunParts,
  config: SessionConfig,
  engineLook: EngineLook,
  work: Work,
  started: (current: PageTranslator) => void,
  myRun: number,
): Promise<Summary | undefined> {
  const s = p.state;
  try {
    const current = p.engine.for(config, engineLook);
    started(current);
    p.sent.afterFirstRequest(limitsLater(p, config, current, myRun));
    return await work(current);
  } catch (e) {
    // The engine reports problems as values; a throw is a bug. Never leave the page "translating" forever.
    console.error("Gloss: the page engine failed", e);
    if (myRun !== s.run) return undefined;
    s.status = "error";
    s.error = { ...UNEXPECTED, kind: String(e) };
    p.emit();
    return undefined;
  }
}

/**
 * What asks the server's limits for run `myRun` once its first request is out: the answer matters only once there
 * is something to send, and asking before would put the background's probe of the server ahead of that request.
 */
function limitsLater(
  p: SessionRunParts,
  config: SessionConfig,
  current: PageTranslator,
  myRun: number,
): (() => void) | undefined {
  const { serverLimits } = config;
  if (!serverLimits) return undefined;
  return () =>
    void serverLimits().then(
      (limits) => limits && p.engine.current === current && myRun === p.state.run && current.setLimits(limits),
      () => undefined,
    );
}
