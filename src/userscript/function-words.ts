// A second opinion on a detected language from the text's small words (articles, pronouns, conjunctions). tinyld's
// light model goes by letter sequences, so a sentence full of another language's nouns and names fools it: "Same
// here in Munich, the S-Bahn was a mess…" came out Romanian, an English comment about Feierabend and Sonntagsruhe
// German, both with full confidence. The grammar words say otherwise, and they are what this counts.
//
// The model knows 24 languages, so a text in a neighbour it does not know comes out as the one it does with full
// confidence (Bulgarian as Russian, Danish as Norwegian, Indonesian as German, Afrikaans as Dutch, Galician as
// Portuguese). Those neighbours are listed too, with the words they share: they can only contradict, never be the
// answer. Han, kana and hangul texts are told apart by their script.

// prettier-ignore
const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ["the", "and", "is", "are", "was", "were", "of", "to", "in", "that", "it", "for", "you", "with", "this", "not",
    "but", "have", "i", "my", "on", "be", "just", "what", "so", "if"],
  de: ["der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "zu", "mit", "auf", "es", "den", "dem",
    "sich", "auch", "aber", "hab", "habe", "wie", "was", "war", "bei", "noch", "kein", "doch", "mal", "für", "nur"],
  fr: ["le", "la", "les", "et", "est", "un", "une", "des", "du", "que", "qui", "pas", "je", "pour", "dans", "ce",
    "il", "on", "sur", "au", "mais", "à", "ça", "de", "en", "c'est", "j'ai"],
  es: ["el", "la", "los", "las", "y", "es", "un", "una", "que", "de", "en", "no", "por", "para", "con", "lo", "se",
    "del", "al", "a", "pero", "me", "mi", "está", "muy", "más"],
  it: ["il", "la", "le", "e", "è", "un", "una", "che", "di", "non", "per", "con", "in", "del", "della", "mi", "ma",
    "sono", "ho", "si", "lo", "gli", "anche", "i", "io", "dal"],
  nl: ["de", "het", "een", "en", "is", "van", "niet", "dat", "ik", "je", "op", "te", "met", "voor", "maar", "zijn",
    "wat", "ook", "er", "nog", "dit", "die"],
  pt: ["o", "a", "os", "as", "e", "é", "um", "uma", "que", "de", "não", "para", "com", "em", "do", "da", "no", "na",
    "se", "mas", "eu", "mais", "por", "ao", "pro"],
  pl: ["i", "w", "nie", "na", "się", "z", "to", "że", "jest", "do", "jak", "co", "ale", "o", "po", "tak", "mi",
    "już", "za"],
  sv: ["och", "att", "det", "är", "en", "ett", "i", "på", "som", "inte", "jag", "med", "för", "har", "av", "den",
    "till", "om", "men", "så", "nu"],
  no: ["og", "å", "at", "det", "er", "en", "et", "i", "på", "som", "ikke", "jeg", "med", "for", "har", "av", "den",
    "til", "om", "men", "så", "hva"],
  fi: ["ja", "on", "ei", "se", "että", "oli", "mutta", "kun", "niin", "minä", "tämä", "joka", "mitä", "vain", "myös"],
  hu: ["a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "csak", "már", "ez", "mert", "ha", "még"],
  ro: ["și", "în", "de", "la", "cu", "pe", "nu", "o", "un", "că", "ce", "a", "să", "mai", "din", "este", "sunt",
    "dar", "se"],
  tr: ["ve", "bir", "bu", "da", "de", "için", "ne", "çok", "ama", "ben", "mi", "gibi", "var", "yok", "o", "daha"],
  ru: ["и", "в", "не", "что", "на", "я", "с", "он", "как", "это", "по", "но", "они", "к", "у", "же", "вы", "за", "бы",
    "так", "его", "только", "мне", "было", "все", "всё", "она", "мы", "ты", "уже", "если", "или", "когда", "есть",
    "нет", "очень", "меня", "вот", "тоже", "чтобы", "просто"],
  // Neighbours outside the model (see above).
  bg: ["и", "в", "не", "че", "на", "да", "се", "е", "с", "за", "от", "по", "са", "ще", "но", "как", "това", "какво",
    "си", "ми", "ли", "със", "във", "аз", "ти", "той", "тя", "ние", "те", "беше", "има", "няма", "много", "само",
    "защото", "когато", "вече", "също"],
  uk: ["і", "й", "в", "у", "не", "що", "на", "я", "з", "як", "це", "по", "але", "до", "ви", "за", "так", "його",
    "тільки", "мені", "було", "все", "усе", "вона", "ми", "ти", "вже", "якщо", "або", "коли", "є", "немає", "дуже",
    "мене", "теж", "щоб", "просто"],
  da: ["og", "at", "det", "er", "en", "et", "i", "på", "som", "ikke", "jeg", "med", "for", "har", "af", "den", "til",
    "om", "men", "så", "hvad", "mig", "dig", "noget", "nogen", "lidt", "efter", "ud", "op", "nu", "sgu", "meget"],
  af: ["die", "en", "is", "van", "nie", "dat", "ek", "jy", "op", "te", "met", "vir", "maar", "wat", "ook", "dit",
    "het", "om", "hulle", "ons", "hy", "sy", "baie", "sal", "ʼn", "'n"],
  ca: ["el", "la", "els", "les", "i", "és", "un", "una", "que", "de", "a", "en", "no", "per", "amb", "però", "em",
    "al", "del", "dels", "ho", "hi", "ja", "molt", "més", "aquest", "aquesta", "tot"],
  gl: ["o", "a", "os", "as", "e", "é", "un", "unha", "que", "de", "non", "para", "con", "en", "do", "da", "no", "na",
    "se", "mais", "máis", "eu", "por", "moi", "tamén", "xa", "ata", "iso", "isto", "ao"],
  id: ["yang", "dan", "di", "ini", "itu", "saya", "tidak", "ada", "untuk", "dengan", "aku", "kamu", "ke", "dari",
    "juga", "sudah", "bisa", "jadi", "akan", "lebih", "sangat", "tapi", "karena", "kalau", "atau", "apa", "mau",
    "gak", "nggak", "anda", "lagi", "sama", "aja"],
};

const SETS = Object.fromEntries(Object.entries(WORDS).map(([lang, words]) => [lang, new Set(words)]));

/** Another language's small words outnumber those of `lang` (and there are at least two of them). */
export function smallWordsContradict(text: string, lang: string): boolean {
  const own = SETS[lang];
  if (!own) return false;
  const tokens = text.toLowerCase().match(/[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)?/gu) ?? [];
  const count = (set: ReadonlySet<string>) => tokens.reduce((n, token) => n + (set.has(token) ? 1 : 0), 0);
  const mine = count(own);
  return Object.entries(SETS).some(([other, set]) => {
    if (other === lang) return false;
    const theirs = count(set);
    return theirs >= 2 && theirs > mine;
  });
}
