// Typed, user-actionable errors. Every message names what happened in words a user understands; `fix` says what
// to do; `detail` keeps the technical part (status, server message) for a "details" toggle or the log.
import { LLAMA_SERVER_COMMAND, LM_STUDIO_COMMAND } from "../shared/server-commands";
import type { BadReplyReason, TranslateError } from "../shared/translator";
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
      return "Start Ollama (ollama serve, or the Ollama app), or check the address on the options page.";
    case "lmstudio":
      return `Start LM Studio's server (Developer tab → Start server with CORS on, or: ${LM_STUDIO_COMMAND}), or check the address on the options page.`;
    default:
      return "Check that the server is running and the address on the options page is right.";
  }
}

export const errors = {
  badConfig(problem: string): TranslateError {
    return { kind: "bad-config", message: problem, fix: "Fix the server settings on the options page." };
  },
  unreachable(config: LlmConfig, detail?: string): TranslateError {
    return {
      kind: "unreachable",
      message: `Gloss cannot reach the server at ${config.baseUrl}.`,
      fix: startFix(config),
      detail,
    };
  },
  unauthorized(config: LlmConfig, status: number, detail?: string): TranslateError {
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
    const ollama = config.preset === "ollama" || /:11434\b/.test(config.baseUrl);
    return {
      kind: "origin-rejected",
      message: ollama
        ? "Ollama refused the request because it comes from a browser extension (HTTP 403)."
        : `The server at ${config.baseUrl} refused requests from the browser extension (HTTP 403 with an empty body).`,
      fix: ollama
        ? "Restart Ollama with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* set (for example: OLLAMA_ORIGINS='chrome-extension://*,moz-extension://*' ollama serve)."
        : "Allow the extension's origin in the server's CORS settings (for Ollama: OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*; for LM Studio: enable CORS in the server settings).",
    };
  },
  notFound(config: LlmConfig, url: string, serverMessage?: string): TranslateError {
    if (serverMessage && /model/i.test(serverMessage)) {
      return {
        kind: "not-found",
        message: `The server does not have the model "${config.model ?? ""}".`,
        fix:
          config.preset === "ollama"
            ? `Download it (ollama pull ${config.model ?? "gemma2:2b"}) or pick an installed model on the options page.`
            : "Pick one of the server's models on the options page.",
        detail: serverMessage,
      };
    }
    const base = config.baseUrl.trim().replace(/\/+$/, "");
    const apiHint = /\/api$/.test(base)
      ? " The address ends in /api, which is Ollama's own API; Gloss needs the OpenAI-compatible one ending in /v1."
      : "";
    return {
      kind: "not-found",
      message: `The server at ${config.baseUrl} has no chat endpoint at ${url} (HTTP 404).${apiHint}`,
      fix: `Use the server's OpenAI-compatible base address, e.g. ${presetOf(config).baseUrl || "http://127.0.0.1:8080/v1"} (the part before /chat/completions, usually ending in /v1).`,
      detail: serverMessage,
    };
  },
  loading(config: LlmConfig, waitedMs: number): TranslateError {
    return {
      kind: "loading",
      message: `The model at ${config.baseUrl} is still loading after ${Math.round(waitedMs / 1000)} s.`,
      fix: "Wait until the server has loaded the model, then try again.",
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
  contextOverflow(detail?: string): TranslateError {
    return {
      kind: "context-overflow",
      message: "This text is too long for the model's context window.",
      fix: "Start the server with a larger context (llama-server -c 8192, or more) or fewer parallel slots (-np).",
      detail,
    };
  },
  truncated(detail?: string): TranslateError {
    return {
      kind: "truncated",
      message: "The model stopped before finishing the translation (token limit reached).",
      fix: "Start the server with a larger context (llama-server -c 8192, or more).",
      detail,
    };
  },
  stalled(ms: number): TranslateError {
    return {
      kind: "stalled",
      message: `The server stopped sending data for ${Math.round(ms / 1000)} s, so Gloss gave up on this request.`,
      fix: "Check that the server is not overloaded or stuck; a smaller model or fewer parallel slots may help.",
    };
  },
  timeout(ms: number): TranslateError {
    return {
      kind: "timeout",
      message: `The translation took longer than ${Math.round(ms / 1000)} s.`,
      fix: "A faster model or a GPU helps; so do smaller batches (Advanced, on the options page).",
    };
  },
  aborted(): TranslateError {
    return { kind: "aborted", message: "The translation was cancelled." };
  },
  badReply(reason: BadReplyReason, detail?: string): TranslateError {
    return { kind: "bad-reply", reason, message: BAD_REPLY_MESSAGES[reason], fix: BAD_REPLY_FIX, detail };
  },
};

const BAD_REPLY_FIX = "The text stays in its original language. A larger model usually does better.";

const BAD_REPLY_MESSAGES: Record<BadReplyReason, string> = {
  missing: "The model left this text out of its reply.",
  duplicate: "The model translated this text twice, differently.",
  empty: "The model returned an empty translation.",
  refusal: "The model refused to translate this text.",
  untranslated: "The model returned the text untranslated.",
  "length-ratio": "The model's translation is far longer or shorter than the original.",
  chatter: "The model answered with commentary instead of a translation.",
  "lost-placeholder": "The model's translation lost a link or other formatting.",
  "unknown-placeholder": "The model's translation added markup that was not in the original.",
  glossary: "The model's translation does not follow your glossary.",
};
