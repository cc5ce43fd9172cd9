// Typed, user-actionable errors. Every message names what happened in words a user understands; `fix` says what
// to do; `detail` keeps the technical part (status, server message) for a "details" toggle or the log.
import {
  LLAMA_SERVER_COMMAND,
  LM_STUDIO_COMMAND,
  OLLAMA_COMMAND,
  OLLAMA_COMMAND_POWERSHELL,
  OLLAMA_ORIGINS,
  OLLAMA_SYSTEMD_STEPS,
} from "../shared/server-commands";
import { type BadReplyReason, badReplyError, type TranslateError } from "../shared/translator";
import { type LlmConfig, presetOf } from "./presets";

/** Thrown (never yielded) by helpers that return plain values, e.g. `listModels`, `translateText`. */
export class LlmRequestError extends Error {
  constructor(readonly error: TranslateError) {
    super(error.message);
    this.name = "LlmRequestError";
  }
}

function startFix(config: LlmConfig): string {
  switch (config.preset) {
    case "llama-server":
      return `Start llama-server (for example: ${LLAMA_SERVER_COMMAND}), or check the address on the options page.`;
    case "ollama":
      // Started without OLLAMA_ORIGINS, Ollama would answer the next request with a 403: say it once, here.
      return `Start Ollama with browser extensions allowed (${OLLAMA_COMMAND}; in PowerShell: ${OLLAMA_COMMAND_POWERSHELL}), or the Ollama app with OLLAMA_ORIGINS set (on Linux, the service: ${OLLAMA_SYSTEMD_STEPS}); or check the address on the options page.`;
    case "lmstudio":
      return `Start LM Studio's server (Developer tab → Start server with CORS on, or: ${LM_STUDIO_COMMAND}), or check the address on the options page.`;
    default:
      return "Check that the server is running and the address on the options page is right.";
  }
}

/** Gloss already asks each server that has a switch not to think: what is left to the user. */
function thinkingFix(config: LlmConfig): string {
  const model = "a model that does not think (such as Gemma) on the options page";
  switch (config.preset) {
    case "llama-server":
      return `Gloss asks llama-server to turn thinking off, but this model thinks anyway: start llama-server with --reasoning off, or pick ${model}.`;
    case "ollama":
      return `Gloss asks Ollama to turn thinking off, but this model thinks anyway (some, like gpt-oss, always do): pick ${model}.`;
    case "lmstudio":
      return `Turn thinking off in this model's settings in LM Studio if it offers that, or pick ${model}.`;
    default:
      return `Turn thinking off for this model on your server, or pick ${model}.`;
  }
}

/** Ollama by its preset, or by its port under another preset. */
const isOllama = (config: LlmConfig) => config.preset === "ollama" || /:11434\b/.test(config.baseUrl);

/** The browser says only "failed to fetch" for a certificate it does not trust: the same words as nothing listening. */
const HTTPS_FIX =
  "If the server uses https with a certificate of its own (self-signed), open its address in a browser tab once and accept the certificate there, or use http://.";

/** How to give a request more context on each kind of server. */
function moreContextFix(config: LlmConfig): string {
  switch (config.preset) {
    case "llama-server":
      // Without -np, llama-server runs 4 slots over one shared cache of -c tokens (kv_unified), which they can fill
      // together; with -np N, each slot owns -c / N. Fewer slots with a larger -c gives each one room of its own.
      return `Without -np, llama-server's 4 slots share the context (-c); with -np, each slot gets -c divided by -np. Start it with fewer slots and a larger context, for example llama-server -hf bartowski/gemma-2-2b-it-GGUF:Q4_K_M -np 2 -c 16384: each of the 2 slots then has 8192 tokens.`;
    case "ollama":
      return "Raise Ollama's context length (the slider in the Ollama app's settings, or OLLAMA_CONTEXT_LENGTH=8192 set when Ollama starts).";
    case "lmstudio":
      return "Load the model in LM Studio with a larger Context Length (in the model's load settings).";
    default:
      return "Use a larger context window on the server, or a model that has one.";
  }
}

/** What gets a model the server does not have (or has not loaded) onto it. */
function missingModelFix(config: LlmConfig): string {
  const model = config.model?.trim();
  switch (config.preset) {
    case "ollama":
      return `Download it (ollama pull ${model || "gemma2:2b"}) or pick an installed model on the options page.`;
    case "lmstudio":
      // LM Studio loads a requested model by itself only when it is downloaded and Just-in-Time loading is on.
      return `Load it in LM Studio (Developer tab, or: lms load ${model || "gemma-2-2b-it"}; lms get downloads it first), or pick one of its models on the options page.`;
    default:
      return "Pick one of the server's models on the options page.";
  }
}

/** "45 s", "6 min", "2 h". */
function formatWait(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

export const errors = {
  badConfig(problem: string): TranslateError {
    return { kind: "bad-config", message: problem, fix: "Fix the server settings on the options page." };
  },
  unreachable(config: LlmConfig, detail?: string): TranslateError {
    return {
      kind: "unreachable",
      message: `Gloss cannot reach the server at ${config.baseUrl}.`,
      fix: /^\s*https:/i.test(config.baseUrl) ? `${startFix(config)} ${HTTPS_FIX}` : startFix(config),
      detail,
    };
  },
  /** Every look timed out where a refused connection fails at once: something holds the port but does not answer. */
  noAnswer(config: LlmConfig, waitedMs: number): TranslateError {
    return {
      kind: "unreachable",
      message: `The server at ${config.baseUrl} does not answer (nothing came back within ${formatWait(waitedMs)}).`,
      fix: "Something takes the connection but does not answer: the server may be busy with a very long request, stuck, or paused (in a debugger, or suspended with Ctrl+Z). Wait and test again, or restart it. On another computer, a firewall that drops requests does the same: check that it lets the port through.",
      detail: `timed out after ${formatWait(waitedMs)}`,
    };
  },
  /** A proxy's own error page where the server should answer (HTTP 502, or a 503 page): the proxy runs, the model
   * server it passes requests to does not answer. Fatal like unreachable: no passage gets through until the server is started. */
  gateway(config: LlmConfig, status: number, detail?: string): TranslateError {
    return {
      kind: "unreachable",
      message: `A proxy answers at ${config.baseUrl}, but the model server behind it does not (HTTP ${status}).`,
      fix: `${startFix(config)} If a proxy passes requests on to the server, check the address it passes them to.`,
      detail,
    };
  },
  /** The userscript manager would not send the request (see refused.ts): fatal like unreachable, with its own fix. */
  refused(config: LlmConfig, detail?: string): TranslateError {
    return {
      kind: "unreachable",
      message: `Your userscript manager blocked Gloss's requests to the server at ${config.baseUrl}.`,
      fix: "Allow that address for Gloss in the manager, then translate again. In Tampermonkey: choose Always allow when it asks, or open Gloss in its dashboard, and on the Settings tab, under XHR Security, add the server's host (or *) to the User domain whitelist and take it off the User domain blacklist.",
      detail,
    };
  },
  unauthorized(config: LlmConfig, status: number, detail?: string): TranslateError {
    // Ollama takes no key: it answers 401 for a cloud model (gpt-oss:120b-cloud, kimi-k2.5:cloud) while the user is
    // not signed in to ollama.com (server/routes.go: {"error":"unauthorized","signin_url":…}). Any other 401 there
    // comes from something in front of it that does want a key.
    if (status === 401 && isOllama(config) && /cloud$/i.test(config.model?.trim() ?? "")) {
      return {
        kind: "unauthorized",
        message: `Ollama refused the model "${config.model ?? ""}" (HTTP 401): its cloud models need you signed in to ollama.com.`,
        fix: "Run ollama signin (or sign in from the Ollama app), or pick a local model on the options page.",
        detail,
      };
    }
    const hasKey = Boolean(config.apiKey?.trim());
    return {
      kind: "unauthorized",
      message: hasKey
        ? `The server at ${config.baseUrl} rejected the API key (HTTP ${status}).`
        : `The server at ${config.baseUrl} needs an API key (HTTP ${status}).`,
      fix:
        config.preset === "llama-server"
          ? "Enter the key llama-server was started with (--api-key) on the options page."
          : "Enter the server's API key on the options page.",
      detail,
    };
  },
  originRejected(config: LlmConfig): TranslateError {
    const ollama = isOllama(config);
    return {
      kind: "origin-rejected",
      message: ollama
        ? "Ollama refused the request because it comes from a browser extension (HTTP 403)."
        : `The server at ${config.baseUrl} refused requests from the browser extension (HTTP 403 with an empty body).`,
      fix: ollama
        ? `Quit Ollama (the app holds its port), then start it with: ${OLLAMA_COMMAND} (in PowerShell: ${OLLAMA_COMMAND_POWERSHELL}). To keep using the app, set the environment variable OLLAMA_ORIGINS to ${OLLAMA_ORIGINS} for it and restart it (the README has the steps for each system). On Linux, where Ollama runs as a service: ${OLLAMA_SYSTEMD_STEPS}.`
        : `Allow the extension's origin in the server's CORS settings (for Ollama: OLLAMA_ORIGINS=${OLLAMA_ORIGINS}; for LM Studio: Enable CORS in the server settings, or ${LM_STUDIO_COMMAND}).`,
    };
  },
  notFound(config: LlmConfig, url: string, serverMessage?: string, status = 404): TranslateError {
    if (serverMessage && /model/i.test(serverMessage)) {
      return {
        kind: "not-found",
        message: `The server does not have the model "${config.model ?? ""}".`,
        fix: missingModelFix(config),
        detail: serverMessage,
      };
    }
    const base = config.baseUrl.trim().replace(/\/+$/, "");
    const apiHint = /\/api$/.test(base)
      ? " The address ends in /api, which is Ollama's own API; Gloss needs the OpenAI-compatible one ending in /v1."
      : "";
    return {
      kind: "not-found",
      message: `The server at ${config.baseUrl} has no chat endpoint at ${url} (HTTP ${status}).${apiHint}`,
      fix: `Use the server's OpenAI-compatible base address, e.g. ${presetOf(config).baseUrl || "http://127.0.0.1:8080/v1"} (the part before /chat/completions, usually ending in /v1).`,
      detail: serverMessage,
    };
  },
  /** 501: the server does not do chat completions at all (llama-server started with --embeddings), whatever it is
   * sent: asking again, or another passage, cannot help. */
  noChat(config: LlmConfig, detail: string): TranslateError {
    return {
      kind: "not-found",
      message: `The server at ${config.baseUrl} does not offer chat completions (HTTP 501), so it cannot translate.`,
      fix: /--embedding/.test(detail)
        ? "Restart llama-server without --embeddings: started with it, the server only computes embeddings."
        : "Use a server that offers OpenAI-compatible chat completions, or check the address on the options page.",
      detail,
    };
  },
  /** The server could not load the model into the memory it has: every request would fail alike until the user
   * picks a smaller model or frees memory. */
  noMemory(config: LlmConfig, detail: string): TranslateError {
    const model = config.model?.trim();
    return {
      kind: "no-memory",
      message: `The server at ${config.baseUrl} could not load the model${model ? ` "${model}"` : ""}: it needs more memory than the computer has free.`,
      fix: isOllama(config)
        ? "Pick a smaller model or a smaller quantisation on the options page, or close programs that use memory (ollama ps lists the models Ollama holds; ollama stop unloads one)."
        : "Pick a smaller model or a smaller quantisation on the options page, or close programs that use memory.",
      detail,
    };
  },
  /** The model's chat template refused Gloss's messages: every request has their form, so none would get through. */
  chatTemplate(config: LlmConfig, detail: string): TranslateError {
    if (config.instructionsInSystem) {
      return {
        kind: "bad-config",
        message: `The model's chat template on the server at ${config.baseUrl} refused Gloss's request: it takes no instructions as a system message.`,
        fix: "Turn off Send instructions as a system message (under Advanced on the options page).",
        detail,
      };
    }
    return {
      kind: "bad-config",
      message: `The model's chat template on the server at ${config.baseUrl} refused Gloss's request (a single user message).`,
      fix:
        config.preset === "llama-server"
          ? "The template the server uses does not fit this model: start llama-server without --chat-template or --chat-template-file (it then uses the one the model comes with), or with one that fits, such as --chat-template chatml; or pick another model."
          : "The template the server uses does not fit this model: check the model's chat template in the server's settings, or pick another model.",
      detail,
    };
  },
  /** A web page where the API should be: another program on the port, or a network's sign-in page (captive portal). */
  webPage(config: LlmConfig, url: string): TranslateError {
    return {
      kind: "not-found",
      message: `The server at ${config.baseUrl} answered with a web page, not a model server's API.`,
      // No example address: on the page, addresses are taken out of the text (page-safe-error.ts).
      fix: "Another program, or a network's sign-in page, answers there. Check the address and port on the options page (llama-server listens on 8080, Ollama on 11434, LM Studio on 1234); if the network asks you to sign in, do that first.",
      detail: `a web page (HTML) at ${url}`,
    };
  },
  loading(config: LlmConfig, waitedMs: number): TranslateError {
    return {
      kind: "loading",
      // A probe asks once and has not waited: "after 0 s" would read as a fault.
      message:
        waitedMs >= 1000
          ? `The model at ${config.baseUrl} is still loading after ${Math.round(waitedMs / 1000)} s.`
          : `The server at ${config.baseUrl} is still loading the model.`,
      fix: "Wait until the server has loaded the model (its log says when), then try again.",
    };
  },
  busy(config: LlmConfig, waitedMs: number): TranslateError {
    return {
      kind: "busy",
      message: `The server at ${config.baseUrl} stayed too busy with other requests to take Gloss's for ${Math.max(1, Math.round(waitedMs / 1000))} s.`,
      fix:
        config.preset === "ollama"
          ? "Try again once its other work is done. Ollama turns requests away while more than OLLAMA_MAX_QUEUE (512 unless set) wait: another program may be sending it many at once."
          : "Try again once its other work is done (a remote API's servers may be overloaded for a while).",
    };
  },
  /** A 429 whose limit had not passed when Gloss stopped waiting, or would not pass before it gives up (`waitMs`). */
  rateLimited(config: LlmConfig, waitMs: number | undefined, detail?: string): TranslateError {
    const asked = waitMs !== undefined ? ` It asked Gloss to wait ${formatWait(waitMs)}.` : "";
    return {
      kind: "busy",
      message: `The server at ${config.baseUrl} turned requests away: too many requests for its rate limit (HTTP 429).${asked}`,
      fix: "Try again later. The API's plan sets the limit; fewer requests at once (Requests at once, under Advanced on the options page) stay under it longer.",
      detail,
    };
  },
  /** The account behind the API key has no credit or quota left (429 insufficient_quota, 402): no retry helps. */
  quota(config: LlmConfig, status: number, detail?: string): TranslateError {
    return {
      kind: "quota",
      message: `The server at ${config.baseUrl} refused to translate: the account has no credit or quota left (HTTP ${status}).`,
      fix: "Add credit or raise the spending limit in the API provider's billing settings, or use another server on the options page.",
      detail,
    };
  },
  server(status: number | undefined, detail?: string): TranslateError {
    return {
      kind: "server-error",
      message: status
        ? `The server failed to translate (HTTP ${status}).`
        : "The server reported an error while translating.",
      fix: "Try again; if it keeps failing, check the server's log.",
      detail,
    };
  },
  contextOverflow(config: LlmConfig, detail?: string): TranslateError {
    return {
      kind: "context-overflow",
      message: "This text is too long for the model's context window.",
      fix: moreContextFix(config),
      detail,
    };
  },
  /** A slot too small for the instructions with any passage: every request would overflow, whatever its text. */
  contextTooSmall(config: LlmConfig, contextSize: number, instructionsTokens: number): TranslateError {
    return {
      kind: "context-overflow",
      message: `The server's context (${contextSize} tokens a slot) cannot hold Gloss's instructions (about ${instructionsTokens} tokens) with a passage and its translation.`,
      fix: moreContextFix(config),
    };
  },
  truncated(config: LlmConfig, detail?: string): TranslateError {
    return {
      kind: "truncated",
      message: "The model stopped before finishing the translation (token limit reached).",
      // Gloss allows a third more than the target language needs (about twice the passage's length, more into Greek
      // or Hindi: shared/reply-ratio.ts): a reply that needs more is a model repeating itself, unless the context left
      // no more room than that.
      fix: `If this happens on long passages, give the model more context. ${moreContextFix(config)} On short ones, the model is repeating itself: a larger model helps.`,
      detail,
    };
  },
  /** The API's content filter stopped the reply (OpenAI's and Azure's finish_reason "content_filter"). */
  filtered(): TranslateError {
    return {
      ...this.badReply("refusal", "finish_reason: content_filter"),
      message: "The server's content filter stopped the model's translation of this text.",
      fix: "The API provider filters some text: it stays in its original language. A model on your own computer has no such filter.",
    };
  },
  thinking(config: LlmConfig, seen: { reasoningChars?: number; reasoningTokens?: number }): TranslateError {
    const reasoning = seen.reasoningChars
      ? `${seen.reasoningChars} characters of reasoning`
      : `${seen.reasoningTokens ?? 0} tokens of reasoning (not shown by the server)`;
    return {
      kind: "thinking",
      message: "The model spent its reply thinking and stopped before it finished the translation.",
      fix: thinkingFix(config),
      detail: `${reasoning}, then finish_reason: length`,
    };
  },
  stalled(ms: number): TranslateError {
    return {
      kind: "stalled",
      message: `The server stopped sending data for ${Math.round(ms / 1000)} s, so Gloss gave up on this request.`,
      fix: "Check that the server is not overloaded or stuck; a smaller model or fewer parallel slots may help.",
    };
  },
  timeout(ms: number, answering = true): TranslateError {
    // Nothing came back at all, not even the headers: the request waited in the server's queue (its slots busy with
    // other tabs or programs) or something between holds it. A faster model is not the first thing to try then.
    if (!answering)
      return {
        kind: "timeout",
        message: `The server did not start answering within ${Math.round(ms / 1000)} s.`,
        fix: "It may be busy with requests from other tabs or programs, or stuck: wait and try again, or restart it. A proxy or VPN can also hold a request without passing on the answer.",
      };
    return {
      kind: "timeout",
      message: `The translation took longer than ${Math.round(ms / 1000)} s.`,
      fix: "A faster model or a GPU helps; so do smaller batches (Batch size, under Advanced on the options page).",
    };
  },
  aborted(): TranslateError {
    return { kind: "aborted", message: "The translation was cancelled." };
  },
  badReply(reason: BadReplyReason, detail?: string): TranslateError {
    return badReplyError(reason, detail);
  },
};
