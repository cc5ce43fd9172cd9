// A chat template's end-of-turn token written out as text: Phi-3 ends replies with "<|end|>" (llama.cpp #6903,
// #8291), Llama-3 with "<|eot_id|>" or "<|end_of_text|>", Qwen with "<|im_end|>", Gemma with "<end_of_turn>", Mistral
// with "</s>", when the model file or the server does not treat it as the end. Written in, the reader sees the token
// on the page (or the reply is refused for a tag that was never issued); what follows it is past the model's turn.

const TURN_END = /<\|(?:end|eot_id|im_end|endoftext|end_of_text)\|>|<end_of_turn>|<eos>/i;
/** "</s>" only at the very end: inside, it is an unknown tag the checks refuse. */
const TRAILING_EOS = /(?:\s*<\/s>)+\s*$/i;

const escaped = (token: string): string => token.replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Whether the page's own text holds the token (a page about chat templates), as sent or as a model decodes it. */
const inSource = (token: string, sourceHtml: string): boolean =>
  sourceHtml.includes(token) || sourceHtml.includes(escaped(token));

/** The reply up to the first end-of-turn token the page's text does not hold. */
export function cutAtTurnEnd(reply: string, sourceHtml: string): string {
  const m = TURN_END.exec(reply);
  const text = m && !inSource(m[0], sourceHtml) ? reply.slice(0, m.index) : reply;
  return inSource("</s>", sourceHtml) ? text : text.replace(TRAILING_EOS, "");
}
