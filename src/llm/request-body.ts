// A batch's chat-completions body, fitted to what the server was found to take: its context, the fields it refused,
// the room a thinking model's reasoning needs.
import { replyRatio } from "../shared/reply-ratio";
import type { TranslationRules } from "../shared/translation-rules";
import type { Segment, TranslateError, TranslateOptions } from "../shared/translator";
import type { ChatEnd, LlmStats } from "./client";
import { errors } from "./errors";
import { entriesIn } from "./glossary-check";
import { wrapSegments } from "./markers";
import { buildMessages, buildSingleMessages, type ChatMessage } from "./prompt";
import { type LlmConfig, type Preset, PRESETS } from "./presets";
import type { PropsInfo } from "./server-info";
import { estimateTokens } from "./tokens";
import { toWire } from "./wire-names";

/** Chat-template and role tokens the estimate does not see. */
const TEMPLATE_OVERHEAD_TOKENS = 16;
/**
 * Extra reply tokens once the model has been seen reasoning although asked not to (a model that always thinks:
 * gpt-oss, DeepSeek-R1's distills, a server without the switch): its reasoning spends the same limit first. At least
 * this, or half as much again as the longest reasoning seen (which a cut reasoning only shows the start of).
 */
const REASONING_ROOM_TOKENS = 1024;

/** The prompt's tokens, as estimated, with the chat template's. */
function promptTokens(messages: readonly ChatMessage[]): number {
  return estimateTokens(messages.map((m) => m.content).join("\n")) + TEMPLATE_OVERHEAD_TOKENS;
}

/** Room for the reply to `htmls` (shared/reply-ratio.ts: half as long again as the segments into most languages, more
 * into Greek or Hindi). */
function replyRoom(htmls: readonly string[], targetLang: string): number {
  return estimateTokens(wrapSegments(htmls)) * replyRatio(targetLang);
}

/** Glossary entries a batch filled to the limit is reckoned to use: the longest ones. A list short enough goes whole
 * where it fits the slot with the batch, and any list goes as the entries the batch uses where it does not (messages
 * below), so a batch limit that reckoned every entry would give batches smaller than they need be. */
const RECKONED_ENTRIES = 8;
/** " from Latin American Spanish": the longest source language the prompt names, not known before the page is read. */
const SOURCE_NAME_TOKENS = 8;

/**
 * The prompt without its segments as the check before asking counts it (tooBig), for a batch into `targetLang` under
 * `rules`: what the batch limit leaves of a slot before the batch and its reply (connection/capacity.ts).
 */
export function promptOverheadTokens(targetLang: string, rules?: TranslationRules): number {
  const weight = (e: TranslationRules["glossary"][number]) => e.term.length + e.translation.length;
  const glossary = rules && [...rules.glossary].sort((a, b) => weight(b) - weight(a)).slice(0, RECKONED_ENTRIES);
  const reckoned = rules && { ...rules, glossary: glossary ?? [] };
  return promptTokens(buildMessages([], { targetLang, rules: reckoned })) + SOURCE_NAME_TOKENS;
}

/**
 * Why a slot of `contextSize` tokens cannot take even the one passage `html` into `targetLang` with the instructions
 * (the reader's `rules` in them) and room for its reply, or undefined where it can: the connection test says so before asking, where the server
 * would refuse the passage as too long, which reads as a fault of the passage.
 */
export function contextTooSmall(
  config: LlmConfig,
  contextSize: number,
  html: string,
  targetLang: string,
  rules?: TranslationRules,
): TranslateError | undefined {
  const instructions = promptOverheadTokens(targetLang, rules);
  const passage = [toWire(html)];
  const needed = instructions + estimateTokens(wrapSegments(passage)) + replyRoom(passage, targetLang);
  return needed > contextSize ? errors.contextTooSmall(config, contextSize, instructions) : undefined;
}

/** The rules with only the glossary entries `htmls` may use. */
function rulesUsedBy(rules: TranslationRules, htmls: readonly string[]): TranslationRules {
  return { ...rules, glossary: entriesIn(rules.glossary, htmls.join("\n")) };
}

/** A 400 whose message matches `words`: the server refused a field of the request. */
function refuses(end: ChatEnd, words: RegExp): boolean {
  return (
    end.type === "error" &&
    end.error.kind === "server-error" &&
    /^HTTP 400\b/.test(end.error.detail ?? "") &&
    words.test(end.error.detail ?? "")
  );
}
/** The server refused the fields that ask the model not to think. */
const THINKING_SWITCH = /think|reason|chat_template/i;
/** OpenAI's newer models (o-series, GPT-5): "Unsupported parameter: 'max_tokens' … Use 'max_completion_tokens'". */
const MAX_TOKENS_REFUSED = /max_tokens.*max_completion_tokens/i;
/** and "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value …". */
const TEMPERATURE_REFUSED =
  /'?temperature'? (does not support|is not supported)|unsupported (value|parameter).*temperature/i;

/** A request's body as sent. */
export interface ChatRequest {
  body: Record<string, unknown>;
  /** Whether this request carries the no-thinking switch (a refusal of it is asked again without it). */
  switchSent: boolean;
  /** Which server at the address it went to: the count of changes a probe found before it was made. */
  server: number;
}

/** Shared by every request of one translator: what one server refused holds for the next request. */
export class RequestBodies {
  /** The slot's context, once /props said it (server-discovery.ts) or a refusal did (context-size.ts). */
  private contextSize: number | undefined;
  /** The context a server named when it refused a request as too long: /props (per slot) never raises it. */
  private refusedAt = Infinity;
  /** Changes of server a probe found (serverFound): a refusal of a request made before the last one is the old one's. */
  private server = 0;
  /** The most tokens the server lets a reply run to (llama-server -n, from /props); beyond it, every reply is cut. */
  private replyLimit = Infinity;
  /** Body fields that ask the model not to think, where the server is known to take them (presets.ts). */
  private thinkingOff: Preset["thinkingOff"];
  /** What the reply's token limit is called, and whether to ask for temperature 0: OpenAI's newer models refuse
   * both as other servers take them (dropRefused switches on their 400). */
  private tokensField: "max_tokens" | "max_completion_tokens" = "max_tokens";
  private sendTemperature = true;
  /** Reply tokens to add for the model's reasoning (client.ts counts it): 0 until it was seen reasoning. */
  private reasoningRoom = 0;
  /** Each segment as the model sees it (wire-names.ts), made once: a request's body, size check and parser use it. */
  private readonly wired = new WeakMap<Segment, string>();

  constructor(
    private readonly config: LlmConfig,
    private readonly preset: Preset,
  ) {
    this.thinkingOff = preset.thinkingOff;
  }

  wireOf(seg: Segment): string {
    let wire = this.wired.get(seg);
    if (wire === undefined) this.wired.set(seg, (wire = toWire(seg.html)));
    return wire;
  }

  /** What llama-server's /props told. */
  learnProps(props: PropsInfo): void {
    // A server that answers llama-server's /props behind the "other server" preset takes its switch too.
    this.thinkingOff ??= PRESETS["llama-server"].thinkingOff;
    if (props.contextSize) this.contextSize = Math.min(props.contextSize, this.refusedAt);
    if (props.replyTokens) this.replyLimit = props.replyTokens;
  }

  /** What a server that refused `request` as too long said its context is: every request from now on fits it.
   * False when that server has gone since (the request was on its way while a probe found another): its size is
   * not the new one's. */
  learnContext(tokens: number, request: ChatRequest): boolean {
    if (request.server !== this.server) return false;
    this.refusedAt = Math.min(this.refusedAt, tokens);
    this.contextSize = Math.min(this.contextSize ?? Infinity, tokens);
    return true;
  }

  /** What a probe found of the server at the address: its context, where it says one (Ollama and LM Studio say it
   * only there); `changed`, another server than the last probe found, all that was learnt of the one before goes, a
   * refusal's context included: a server restarted with more context takes more. */
  serverFound(contextSize: number | undefined, changed: boolean): void {
    if (changed) {
      this.server++;
      this.refusedAt = Infinity;
      this.replyLimit = Infinity;
      this.contextSize = undefined;
    }
    if (contextSize) this.contextSize = Math.min(contextSize, this.refusedAt);
  }

  /** After a reply: room for the reasoning it showed, in every request from now on. */
  learnReasoning(stats: LlmStats): void {
    const { reasoningChars = 0, reasoningTokens = 0 } = stats;
    if (reasoningChars || reasoningTokens) {
      // Its tokens (as tokens.ts estimates Latin text, 3.2 characters a token, when only its text was seen), and
      // half as many again.
      const seen = Math.ceil(Math.max(reasoningChars / 3.2, reasoningTokens) * 1.5);
      this.reasoningRoom = Math.max(this.reasoningRoom, REASONING_ROOM_TOKENS, seen);
    }
  }

  /** Whether the request's end refused a field it carried; the field then goes differently (or not at all) in every
   * request from now on, and this one is to be asked again. */
  dropRefused(end: ChatEnd, request: ChatRequest): boolean {
    // A server that refuses the no-thinking switch (Ollama 0.11.5–0.12.3 took "none" for a think level it did
    // not know) is asked again without it, and never sent it again.
    if (request.switchSent && refuses(end, THINKING_SWITCH)) {
      this.thinkingOff = undefined;
      return true;
    }
    // The same for the fields OpenAI's newer models refuse: the limit goes under its new name, the temperature
    // is left to the model's default.
    if ("max_tokens" in request.body && refuses(end, MAX_TOKENS_REFUSED)) {
      this.tokensField = "max_completion_tokens";
      return true;
    }
    if ("temperature" in request.body && refuses(end, TEMPERATURE_REFUSED)) {
      this.sendTemperature = false;
      return true;
    }
    return false;
  }

  /** The request for `segs`; `single` asks with the one-line prompt. */
  request(segs: readonly Segment[], opts: TranslateOptions, budget: number, single = false): ChatRequest {
    const switchSent = this.thinkingOff !== undefined;
    return { body: this.body(segs, opts, budget, single), switchSent, server: this.server };
  }

  /** Whether a batch obviously cannot fit the slot's context, so it is split before asking. */
  tooBig(segs: readonly Segment[], opts: TranslateOptions): boolean {
    if (segs.length < 2) return false;
    const htmls = segs.map((seg) => this.wireOf(seg));
    // A reply the server's own limit would cut: the segments after the cut would each be asked again alone.
    if (replyRoom(htmls, opts.targetLang) > this.replyLimit) return true;
    if (!this.contextSize) return false;
    const messages = this.body(segs, opts, 1).messages as ChatMessage[];
    return !this.fits(messages, htmls, opts.targetLang, this.contextSize);
  }

  /** Whether the prompt and room for the reply fit a context of `size`. */
  private fits(messages: readonly ChatMessage[], htmls: readonly string[], targetLang: string, size: number): boolean {
    return promptTokens(messages) + replyRoom(htmls, targetLang) <= size;
  }

  /** The prompt for `htmls`, with what helps the model but is no part of the job left out where the slot is short. */
  private messages(htmls: readonly string[], opts: TranslateOptions, single: boolean): ChatMessage[] {
    const { targetLang, sourceLang, rules, context, writing } = opts;
    const promptOptions = {
      targetLang,
      sourceLang,
      instructionsInSystem: this.config.instructionsInSystem,
      rules,
      context,
      writing,
    };
    if (single && htmls[0] !== undefined) return buildSingleMessages(htmls[0], promptOptions);
    const fits = (messages: ChatMessage[]): boolean =>
      !this.contextSize || this.fits(messages, htmls, targetLang, this.contextSize);
    let messages = buildMessages(htmls, promptOptions);
    // The page's context helps the model but is no part of the job: on a slot too small for it with this batch (up
    // to 300 characters, a quarter of a 1,024-token slot in Japanese), it stays out, rather than the batch being split
    // and a lone paragraph refused as too long.
    if (context && !fits(messages)) messages = buildMessages(htmls, { ...promptOptions, context: undefined });
    // A glossary short enough to go whole (it sits in the cached prefix) but too long for the slot with this batch goes
    // as the entries the batch uses, as a long one always does: the batch limit leaves no room for the whole list, and
    // the batch was split in two, each half with the whole list again.
    if (rules?.glossary.length && !fits(messages))
      messages = buildMessages(htmls, { ...promptOptions, context: undefined, rules: rulesUsedBy(rules, htmls) });
    return messages;
  }

  private body(
    segs: readonly Segment[],
    opts: TranslateOptions,
    budget: number,
    single = false,
  ): Record<string, unknown> {
    const { config, preset } = this;
    const htmls = segs.map((seg) => this.wireOf(seg));
    const { targetLang } = opts;
    const messages = this.messages(htmls, opts, single);
    // Room for the reply: a third more than the check before asking reckons for its target (twice the input, markers
    // and tags included, into most languages; into Greek, from a Chinese page, twice was cut), more on a retry after
    // a cut. The slot's end caps it below.
    let maxTokens = Math.ceil(((replyRoom(htmls, targetLang) * 4) / 3) * budget) + 32;
    maxTokens += this.reasoningRoom;
    if (this.contextSize) maxTokens = Math.max(16, Math.min(maxTokens, this.contextSize - promptTokens(messages)));
    const body: Record<string, unknown> = { messages, stream: true };
    if (this.sendTemperature) body.temperature = 0;
    body[this.tokensField] = maxTokens;
    if ((preset.requiresModel || config.alwaysSendModel) && config.model?.trim()) body.model = config.model.trim();
    if (preset.cachePrompt) body.cache_prompt = true;
    if (preset.includeUsage) body.stream_options = { include_usage: true };
    Object.assign(body, this.thinkingOff);
    return body;
  }
}
