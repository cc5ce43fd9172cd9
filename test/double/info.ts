// Bodies of llama-server's info endpoints, shaped like the recorded ones (shared/llama-server b_*.txt).
import type { DoubleState } from "./state";
import { GEMMA_TEMPLATE } from "./template";
import { FINGERPRINT } from "./chat";

const SAMPLER_PARAMS = {
  seed: 4294967295,
  temperature: 0.800000011920929,
  dynatemp_range: 0.0,
  dynatemp_exponent: 1.0,
  top_k: 40,
  top_p: 0.949999988079071,
  min_p: 0.05000000074505806,
  top_n_sigma: -1.0,
  xtc_probability: 0.0,
  xtc_threshold: 0.10000000149011612,
  typical_p: 1.0,
  repeat_last_n: 64,
  repeat_penalty: 1.0,
  presence_penalty: 0.0,
  frequency_penalty: 0.0,
  dry_multiplier: 0.0,
  dry_base: 1.75,
  dry_allowed_length: 2,
  dry_penalty_last_n: -1,
  mirostat: 0,
  mirostat_tau: 5.0,
  mirostat_eta: 0.10000000149011612,
  max_tokens: -1,
  n_predict: -1,
  n_keep: 0,
  n_discard: 0,
  ignore_eos: false,
  stream: false,
  n_probs: 0,
  min_keep: 0,
  chat_format: "Content-only",
  reasoning_format: "none",
  reasoning_in_content: false,
  generation_prompt: "",
  samplers: ["penalties", "dry", "top_n_sigma", "top_k", "typ_p", "top_p", "min_p", "xtc", "temperature"],
  "speculative.types": "none",
  timings_per_token: false,
  post_sampling_probs: false,
  backend_sampling: false,
  lora: [],
};

export function props(state: DoubleState): Record<string, unknown> {
  const { opts } = state;
  return {
    default_generation_settings: { params: SAMPLER_PARAMS, n_ctx: opts.ctx },
    total_slots: opts.slots,
    model_alias: opts.model,
    model_ftype: "Q4_K_M",
    model_path: opts.model,
    modalities: { vision: false, video: false, audio: false },
    media_marker: "<__media_gloss_double__>",
    endpoint_slots: true,
    endpoint_props: false,
    endpoint_metrics: false,
    ui: true,
    ui_settings: {},
    chat_template: GEMMA_TEMPLATE,
    chat_template_caps: {
      supports_object_arguments: false,
      supports_parallel_tool_calls: false,
      supports_preserve_reasoning: false,
      supports_string_content: true,
      supports_system_role: false,
      supports_tool_calls: false,
      supports_tools: false,
      supports_typed_content: false,
    },
    bos_token: "<s>",
    eos_token: "</s>",
    build_info: FINGERPRINT,
    is_sleeping: false,
    cors_proxy_enabled: false,
  };
}

export function models(state: DoubleState): Record<string, unknown> {
  const name = state.opts.model;
  return {
    models: [
      {
        name,
        model: name,
        modified_at: "",
        size: "",
        digest: "",
        type: "model",
        description: "",
        tags: [""],
        capabilities: ["completion"],
        parameters: "",
        details: {
          parent_model: "",
          format: "gguf",
          family: "",
          families: [""],
          parameter_size: "",
          quantization_level: "",
        },
      },
    ],
    object: "list",
    data: [
      {
        id: name,
        aliases: [name],
        tags: [],
        object: "model",
        created: Math.floor(state.startedAt / 1000),
        owned_by: "llamacpp",
        meta: {
          vocab_type: 1,
          n_vocab: 32000,
          n_ctx: state.opts.ctx,
          n_ctx_train: 8192,
          n_embd: 2304,
          n_params: 2614341888,
          size: 1708582752,
          ftype: "Q4_K_M",
        },
      },
    ],
  };
}

export function slots(state: DoubleState): unknown[] {
  return state.pool.slots.map((s) => {
    const base = { id: s.id, n_ctx: state.opts.ctx, speculative: false, is_processing: s.busy };
    const t = s.task;
    if (!t) return base;
    return {
      ...base,
      id_task: t.idTask,
      n_prompt_tokens: t.nPrompt,
      n_prompt_tokens_processed: t.nPromptProcessed,
      n_prompt_tokens_cache: t.nCache,
      params: {
        ...SAMPLER_PARAMS,
        temperature: t.temperature,
        dry_penalty_last_n: state.opts.ctx,
        max_tokens: t.maxTokens,
        n_predict: t.maxTokens,
        stream: t.stream,
        chat_format: "peg-native",
        reasoning_format: "deepseek",
        generation_prompt: "<start_of_turn>model\n",
      },
      next_token: [{ has_next_token: t.hasNextToken, has_new_line: false, n_remain: t.nRemain, n_decoded: t.nDecoded }],
    };
  });
}
