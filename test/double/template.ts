// Gemma-2's chat template as llama-server applies it: no system role, so a leading system message is merged into
// the first user turn; roles must alternate user/model (shared/llama-server k4, f10, f12).

export interface Message {
  role: string;
  content: string;
}

export const TEMPLATE_ERROR =
  "Unable to generate parser for this template. Automatic parser generation failed: \n------------\nWhile executing CallExpression at line 1, column 226 in source:\n...op.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user...\n                                           ^\nError: Jinja Exception: Conversation roles must alternate user/assistant/user/assistant/...";

export const GEMMA_TEMPLATE =
  "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}";

/** The prompt text (without BOS), or undefined when the template would raise. */
export function applyTemplate(messages: Message[]): string | undefined {
  const msgs = messages.map((m) => ({ role: m.role, content: m.content }));
  const first = msgs[0];
  if (first?.role === "system") {
    // The server's polyfill: system text + "\n" + first user text, in one user turn.
    const next = msgs[1];
    if (next?.role === "user") {
      msgs.splice(0, 2, { role: "user", content: `${first.content}\n${next.content}` });
    } else {
      msgs[0] = { role: "user", content: first.content };
    }
  }
  let out = "";
  for (const [i, m] of msgs.entries()) {
    if ((m.role === "user") !== (i % 2 === 0)) return undefined;
    if (m.role !== "user" && m.role !== "assistant") return undefined;
    const role = m.role === "assistant" ? "model" : "user";
    out += `<start_of_turn>${role}\n${m.content.trim()}<end_of_turn>\n`;
  }
  return `${out}<start_of_turn>model\n`;
}
