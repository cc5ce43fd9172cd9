// Reddit comments and titles against the reply checks, both ways: a reader's comment that reads like a model's
// chatter or refusal ("Sorry, I can't make it", "Here is the translation of the contract") is translated and kept;
// a small model's chatter, refusal or explanation around a good translation never reaches the page.
import { checkReply } from "../../src/llm/validate";

/** What the page gets for a raw reply: the translation written in, or why it was refused. */
const judge = (targetLang: string, source: string, reply: string): string => {
  const v = checkReply(source, reply, { targetLang });
  return v.ok ? v.html : `rejected: ${v.reason}`;
};

/** [reader's language, the comment, its faithful translation]: written into the page as it is. */
const KEEP: [string, string, string][] = [
  // Short replies in a thread.
  ["en", "Danke!", "Thanks!"],
  ["de", "Thanks!", "Danke!"],
  ["en", "Nein.", "No."],
  ["fr", "No.", "Non."],
  ["ja", "No.", "いいえ。"],
  ["en", "Genau.", "Exactly."],
  ["es", "This.", "Esto."],
  ["ru", "Same.", "То же самое."],
  ["en", "Bitte schön:", "Here you go:"],
  ["de", "Here you go:", "Bitte schön:"],
  ["en", "Voilà :", "Here you go:"],
  // Apologies and "I can't" that are the commenter's own.
  ["de", "Sorry, I can't.", "Sorry, ich kann nicht."],
  ["en", "Tut mir leid, ich kann nicht.", "Sorry, I can't."],
  ["en", "Sorry, kann nicht.", "Sorry, I can't."],
  ["en", "Désolé, je ne peux pas.", "Sorry, I can't."],
  ["en", "Lo siento, no puedo.", "I'm sorry, I can't."],
  ["en", "Извини, не могу.", "Sorry, I can't."],
  ["en", "ごめん、無理。", "Sorry, I can't."],
  ["en", "Tut mir leid, ich kann dir dabei nicht helfen.", "Sorry, I can't help you with that."],
  ["en", "Leider kann ich morgen nicht.", "Unfortunately I can't make it tomorrow."],
  ["de", "Sorry, I can't make it tomorrow.", "Sorry, ich schaffe es morgen nicht."],
  [
    "fr",
    "Sorry, I can't help you with that, I don't know the area.",
    "Désolé, je ne peux pas t'aider, je ne connais pas le coin.",
  ],
  [
    "es",
    "Sorry, I can't help with that, ask a lawyer.",
    "Lo siento, no puedo ayudarte con eso, pregunta a un abogado.",
  ],
  ["ru", "Sorry, I can't help, I'm not a doctor.", "Извините, я не могу помочь, я не врач."],
  [
    "en",
    "Sorry, dabei kann ich dir nicht helfen, ich bin kein Arzt.",
    "Sorry, I can't help you with that, I'm not a doctor.",
  ],
  [
    "en",
    "Ich kann das leider nicht übersetzen, mein Japanisch ist zu schlecht.",
    "Unfortunately I can't translate that, my Japanese is too bad.",
  ],
  [
    "de",
    "I can't translate this, it's slang I've never heard.",
    "Ich kann das nicht übersetzen, das ist Slang, den ich nie gehört habe.",
  ],
  // Offers, requests and talk about translations.
  ["en", "Klar, ich kann dir morgen beim Umzug helfen.", "Sure, I can help you move tomorrow."],
  ["en", "Kannst du das für mich übersetzen?", "Can you translate this for me?"],
  ["de", "Can you translate this for me?", "Kannst du das für mich übersetzen?"],
  ["ja", "Can someone translate this for me?", "誰かこれを翻訳してくれませんか？"],
  [
    "en",
    "Hier ist die Übersetzung des Vertrags, um die du gebeten hast.",
    "Here is the translation of the contract you asked for.",
  ],
  ["en", "Hier ist die Übersetzung:", "Here is the translation:"],
  ["de", "Here's my translation, corrections welcome:", "Hier ist meine Übersetzung, Korrekturen willkommen:"],
  [
    "es",
    "Here is the translation of the letter, I hope it helps.",
    "Aquí está la traducción de la carta, espero que ayude.",
  ],
  ["ru", "Translation: the sign says no parking.", "Перевод: на табличке написано, что парковка запрещена."],
  ["en", "Übersetzung: Auf dem Schild steht Parken verboten.", "Translation: the sign says no parking."],
  ["en", "Sure! Happy to help.", "Sure! Happy to help."],
  ["en", "Gerne, helfe ich dir!", "Sure, happy to help!"],
  // Quoted chatter in threads about AI.
  [
    "de",
    '"As an AI language model, I can\'t…" – every ChatGPT answer ever.',
    "„Als KI-Sprachmodell kann ich nicht…“ – jede ChatGPT-Antwort überhaupt.",
  ],
  [
    "en",
    "Als KI-Sprachmodell kann ich dazu nichts sagen. Danke, ChatGPT.",
    "As an AI language model, I can't comment on that. Thanks, ChatGPT.",
  ],
  [
    "en",
    "„Als KI-Sprachmodell…“ – ich kann es nicht mehr hören.",
    '"As an AI language model…" – I can\'t hear it anymore.',
  ],
  [
    "en",
    "Als KI-Sprachmodell habe ich keine eigene Meinung, lol",
    "As an AI language model I have no opinion of my own, lol",
  ],
  ["en", "Я не могу перевести это, помогите!", "I can't translate this, help!"],
  [
    "en",
    "Lo siento, pero no puedo traducir esto, ¿alguien sabe japonés?",
    "Sorry, but I can't translate this, does anyone know Japanese?",
  ],
  ["en", "Als KI-Forscher finde ich den Hype übertrieben.", "As an AI researcher, I find the hype overblown."],
  ["de", "As an AI researcher, I find the hype overblown.", "Als KI-Forscher finde ich den Hype übertrieben."],
  ["zh", "As an AI researcher, I think this is overhyped.", "作为一名人工智能研究者，我认为这被过度炒作了。"],
  [
    "en",
    "Als Sprachmodell versteht ChatGPT keinen Kontext.",
    "As a language model, ChatGPT does not understand context.",
  ],
  // Closing words and notes the comment has itself, on lines of their own.
  ["en", "Erst den Ofen vorheizen.\nHoffe, das hilft!", "Preheat the oven first.\nHope this helps!"],
  [
    "de",
    "Preheat the oven first.\nLet me know if it worked!",
    "Erst den Ofen vorheizen.\nSag Bescheid, ob es geklappt hat!",
  ],
  ["en", "Die Antwort ist 42.\nErklärung: 6 mal 7.", "The answer is 42.\nExplanation: 6 times 7."],
  // The comment's own closing words, put on a line of their own by the model.
  ["en", "Tolle Anleitung! Ich hoffe, das hilft jemandem.", "Great guide!\nI hope this helps someone."],
  // Notes and quotes the comment has itself.
  ["en", "Gutes Rezept!\nHinweis: Ofen vorheizen.", "Good recipe!\nNote: preheat the oven."],
  ["de", '"Never again." That\'s what he said.', "„Nie wieder.“ Das hat er gesagt."],
  ["en", "„Nie wieder“", '"Never again"'],
];

/** [reader's language, the comment, a model's reply, the translation within it or "" for none]. */
const REJECT: [string, string, string, string][] = [
  // Chatter before a good translation.
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "Sure! Here's the translation:\n\nThanks, that helped me a lot!",
    "Thanks, that helped me a lot!",
  ],
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "Here is the translation:\nThanks, that helped me a lot!",
    "Thanks, that helped me a lot!",
  ],
  [
    "de",
    "Thanks, that helped me a lot!",
    "Hier ist die Übersetzung:\n\nDanke, das hat mir sehr geholfen!",
    "Danke, das hat mir sehr geholfen!",
  ],
  [
    "es",
    "Thanks, that helped me a lot!",
    "Aquí está la traducción:\n\n¡Gracias, eso me ayudó mucho!",
    "¡Gracias, eso me ayudó mucho!",
  ],
  [
    "ja",
    "Thanks, that helped me a lot!",
    "以下は日本語訳です：\nありがとう、とても助かりました！",
    "ありがとう、とても助かりました！",
  ],
  [
    "ru",
    "Thanks, that helped me a lot!",
    "Вот перевод:\nСпасибо, это мне очень помогло!",
    "Спасибо, это мне очень помогло!",
  ],
  ["zh", "Thanks, that helped me a lot!", "好的，以下是翻译：\n谢谢，这对我帮助很大！", "谢谢，这对我帮助很大！"],
  ["en", "Danke!", "Sure! Here is the translation:\n\nThanks!", "Thanks!"],
  // Chatter after a good translation.
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "Thanks, that helped me a lot!\n\nI hope this helps! Let me know if you need anything else.",
    "Thanks, that helped me a lot!",
  ],
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "Thanks, that helped me a lot!\n\nLet me know if you have any other questions.",
    "Thanks, that helped me a lot!",
  ],
  [
    "de",
    "Thanks, that helped me a lot!",
    "Danke, das hat mir sehr geholfen!\n\nIch hoffe, das hilft!",
    "Danke, das hat mir sehr geholfen!",
  ],
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "Thanks, that helped me a lot!\n\n(Note: I kept the informal tone.)\n\nI hope this helps!",
    "Thanks, that helped me a lot!",
  ],
  [
    "en",
    "Danke! Ich hoffe, das hilft.",
    "Thanks! I hope this helps.\nLet me know if you need anything else.",
    "Thanks! I hope this helps.",
  ],
  // The model's sign-off after a comment whose own last line reads as one: the comment's line stays.
  [
    "en",
    "Tolles Rezept!\nSag Bescheid, ob es geklappt hat!",
    "Great recipe!\nLet me know if it worked!\n\nI hope this helps!",
    "Great recipe!\nLet me know if it worked!",
  ],
  [
    "de",
    "Great recipe!\nLet me know if it worked!",
    "Tolles Rezept!\nSag Bescheid, ob es geklappt hat!\nIch hoffe, das hilft!",
    "Tolles Rezept!\nSag Bescheid, ob es geklappt hat!",
  ],
  // An explanation after the translation.
  ["en", "Danke!", 'Thanks!\n\nExplanation: "Danke" is the German word for "thanks".', "Thanks!"],
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    'Thanks, that helped me a lot!\n\n(Explanation: "geholfen" is the past participle of "helfen".)',
    "Thanks, that helped me a lot!",
  ],
  ["en", "Danke!", "Thanks!\n\nThis is a common way to express gratitude in German.", ""],
  [
    "fr",
    "Thanks, that helped me a lot!",
    "Merci, ça m'a beaucoup aidé !\n\nJ'espère que cela vous aide !",
    "Merci, ça m'a beaucoup aidé !",
  ],
  [
    "es",
    "Thanks, that helped me a lot!",
    "¡Gracias, eso me ayudó mucho!\n\nEspero que te sirva. No dudes en preguntar.",
    "¡Gracias, eso me ayudó mucho!",
  ],
  [
    "ru",
    "Thanks, that helped me a lot!",
    "Спасибо, это мне очень помогло!\n\nНадеюсь, это поможет!",
    "Спасибо, это мне очень помогло!",
  ],
  [
    "de",
    "Thanks, that helped me a lot!",
    'Danke, das hat mir sehr geholfen!\n\nErklärung: "geholfen" ist das Partizip von "helfen".',
    "Danke, das hat mir sehr geholfen!",
  ],
  [
    "fr",
    "Thanks, that helped me a lot!",
    "Merci, ça m'a beaucoup aidé !\n\n(Explication : « aidé » est le participe passé d'« aider ».)",
    "Merci, ça m'a beaucoup aidé !",
  ],
  [
    "es",
    "Thanks, that helped me a lot!",
    '¡Gracias, eso me ayudó mucho!\n\nExplicación: "ayudó" es el pasado de "ayudar".',
    "¡Gracias, eso me ayudó mucho!",
  ],
  [
    "ru",
    "Thanks, that helped me a lot!",
    "Спасибо, это мне очень помогло!\n\nПояснение: «помогло» — прошедшее время от «помочь».",
    "Спасибо, это мне очень помогло!",
  ],
  // "Note:" lines.
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "Thanks, that helped me a lot!\n\nNote: I kept the informal tone of the original.",
    "Thanks, that helped me a lot!",
  ],
  [
    "de",
    "Thanks, that helped me a lot!",
    "Danke, das hat mir sehr geholfen!\n\nAnmerkung: Ich habe die informelle Anrede beibehalten.",
    "Danke, das hat mir sehr geholfen!",
  ],
  [
    "es",
    "Thanks, that helped me a lot!",
    "¡Gracias, eso me ayudó mucho!\n\nNota: He mantenido el tono informal.",
    "¡Gracias, eso me ayudó mucho!",
  ],
  // Quotes or a code fence the comment did not have.
  ["en", "Danke, das hat mir sehr geholfen!", '"Thanks, that helped me a lot!"', "Thanks, that helped me a lot!"],
  ["de", "Thanks, that helped me a lot!", "„Danke, das hat mir sehr geholfen!“", "Danke, das hat mir sehr geholfen!"],
  [
    "en",
    "Danke, das hat mir sehr geholfen!",
    "```\nThanks, that helped me a lot!\n```",
    "Thanks, that helped me a lot!",
  ],
  ["ja", "Thanks, that helped me a lot!", "「ありがとう、とても助かりました！」", "ありがとう、とても助かりました！"],
  // Refusals: Gemma, Llama 3.2, Qwen styles, in English and in the reader's language.
  [
    "en",
    "Du bist so ein Idiot, ehrlich.",
    "I cannot fulfill your request. I'm just an AI, it's not within my programming to translate offensive content.",
    "",
  ],
  ["en", "Du bist so ein Idiot, ehrlich.", "I can't help with that.", ""],
  [
    "en",
    "Du bist so ein Idiot, ehrlich.",
    "I'm sorry, but I can't translate that. It contains offensive language.",
    "",
  ],
  ["en", "Du bist so ein Idiot, ehrlich.", "I can't assist with that request.", ""],
  ["en", "Du bist so ein Idiot, ehrlich.", "I'm not able to translate this text.", ""],
  ["en", "Du bist so ein Idiot, ehrlich.", "As an AI, I cannot translate insults.", ""],
  ["de", "You're such an idiot, honestly.", "Es tut mir leid, aber ich kann diesen Text nicht übersetzen.", ""],
  ["de", "You're such an idiot, honestly.", "Ich kann diese Anfrage nicht erfüllen.", ""],
  ["de", "You're such an idiot, honestly.", "Als KI-Sprachmodell kann ich keine Beleidigungen übersetzen.", ""],
  ["es", "You're such an idiot, honestly.", "Lo siento, pero no puedo traducir este texto.", ""],
  ["es", "You're such an idiot, honestly.", "Como modelo de lenguaje, no puedo traducir insultos.", ""],
  ["ru", "You're such an idiot, honestly.", "Извините, но я не могу перевести этот текст.", ""],
  ["ru", "You're such an idiot, honestly.", "Как языковая модель ИИ, я не могу переводить оскорбления.", ""],
  ["ja", "You're such an idiot, honestly.", "申し訳ございませんが、このテキストを翻訳することはできません。", ""],
  ["zh", "You're such an idiot, honestly.", "抱歉，我无法协助您完成这个请求。", ""],
  ["zh", "You're such an idiot, honestly.", "作为一个人工智能语言模型，我无法翻译侮辱性内容。", ""],
  ["fr", "You're such an idiot, honestly.", "Je suis désolé, mais je ne peux pas traduire ce texte.", ""],
  ["fr", "You're such an idiot, honestly.", "En tant que modèle de langage, je ne peux pas traduire d'insultes.", ""],
  ["it", "You're such an idiot, honestly.", "Come modello linguistico, non posso tradurre insulti.", ""],
  ["pt-BR", "You're such an idiot, honestly.", "Como modelo de linguagem, não posso traduzir insultos.", ""],
  ["ja", "You're such an idiot, honestly.", "AIアシスタントとして、そのような内容にはお答えできません。", ""],
  // A comment that opens with an apology, refused all the same: the refusal names what only a model refuses.
  ["en", "Sorry, aber du bist echt ein Idiot.", "I'm sorry, but I can't translate this.", ""],
  ["en", "Sorry, aber du bist echt ein Idiot.", "Sorry, I can't help with that request.", ""],
  ["en", "Sorry, aber du bist echt ein Idiot.", "I'm sorry, but I can't help with that.", ""],
  ["ru", "Sorry, but you're an idiot.", "Извините, но я не могу перевести этот текст.", ""],
  // Nothing but chatter.
  ["en", "Danke!", "Sure! Here's the translation:", ""],
  ["de", "Thanks!", "Hier ist die Übersetzung:", ""],
  ["en", "Danke, das hat mir sehr geholfen!", "Here you go:", ""],
];

describe("a reader's comment that reads like chatter or a refusal is translated and kept", () => {
  test.each(KEEP)("into %s: %s → %s", (lang, source, reply) => expect(judge(lang, source, reply)).toBe(reply));
});

describe("a model's chatter, refusal or explanation never reaches the page", () => {
  test.each(REJECT)("into %s: %s → %j", (lang, source, reply, good) => {
    const got = judge(lang, source, reply);
    if (good) expect(got).toBe(good);
    else expect(got).toMatch(/^rejected: /);
  });
});
