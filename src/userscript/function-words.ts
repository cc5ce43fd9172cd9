// A second opinion on a detected language from the text's small words (articles, pronouns, conjunctions). tinyld's
// light model goes by letter sequences, so a sentence full of another language's nouns and names fools it: "Same
// here in Munich, the S-Bahn was a mess…" came out Romanian, an English comment about Feierabend and Sonntagsruhe
// German, both with full confidence. The grammar words say otherwise, and they are what this counts.
//
// Only the Latin-script languages of the light model are listed: Cyrillic, Han, kana and hangul texts are told
// apart by their script.

// prettier-ignore
const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ["the", "and", "is", "are", "was", "were", "of", "to", "in", "that", "it", "for", "you", "with", "this", "not",
    "but", "have", "i", "my", "on", "be", "just", "what", "so", "if"],
  de: ["der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "zu", "mit", "auf", "es", "den", "dem",
    "sich", "auch", "aber", "hab", "habe", "wie", "was", "war", "bei", "noch", "kein", "doch", "mal", "für", "nur"],
  fr: ["le", "la", "les", "et", "est", "un", "une", "des", "du", "que", "qui", "pas", "je", "pour", "dans", "ce",
    "il", "on", "sur", "au", "mais", "à", "ça", "de", "en", "c'est", "j'ai"],
  es: ["el", "la", "los", "las", "y", "es", "un", "una", "que", "de", "en", "no", "por", "para", "con", "lo", "se",
    "del", "al", "pero", "me", "mi", "está", "muy", "más"],
  it: ["il", "la", "le", "e", "è", "un", "una", "che", "di", "non", "per", "con", "in", "del", "della", "mi", "ma",
    "sono", "ho", "si", "lo", "gli", "anche"],
  nl: ["de", "het", "een", "en", "is", "van", "niet", "dat", "ik", "je", "op", "te", "met", "voor", "maar", "zijn",
    "wat", "ook", "er", "nog", "dit", "die"],
  pt: ["o", "a", "os", "as", "e", "é", "um", "uma", "que", "de", "não", "para", "com", "em", "do", "da", "no", "na",
    "se", "mas", "eu", "mais", "por"],
  pl: ["i", "w", "nie", "na", "się", "z", "to", "że", "jest", "do", "jak", "co", "ale", "o", "po", "tak", "mi",
    "już", "za"],
  sv: ["och", "att", "det", "är", "en", "ett", "i", "på", "som", "inte", "jag", "med", "för", "har", "av", "den",
    "till", "om", "men", "så"],
  no: ["og", "å", "det", "er", "en", "et", "i", "på", "som", "ikke", "jeg", "med", "for", "har", "av", "den", "til",
    "om", "men", "så", "hva"],
  fi: ["ja", "on", "ei", "se", "että", "oli", "mutta", "kun", "niin", "minä", "tämä", "joka", "mitä", "vain", "myös"],
  hu: ["a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "csak", "már", "ez", "mert", "ha", "még"],
  ro: ["și", "în", "de", "la", "cu", "pe", "nu", "o", "un", "că", "ce", "a", "să", "mai", "din", "este", "sunt",
    "dar", "se"],
  tr: ["ve", "bir", "bu", "da", "de", "için", "ne", "çok", "ama", "ben", "mi", "gibi", "var", "yok", "o", "daha"],
};

const SETS = Object.fromEntries(Object.entries(WORDS).map(([lang, words]) => [lang, new Set(words)]));

/** Another language's small words outnumber those of `lang` (and there are at least two of them). */
export function smallWordsContradict(text: string, lang: string): boolean {
  const own = SETS[lang];
  if (!own) return false;
  const tokens = text.toLowerCase().match(/\p{L}+(?:'\p{L}+)?/gu) ?? [];
  const count = (set: ReadonlySet<string>) => tokens.reduce((n, token) => n + (set.has(token) ? 1 : 0), 0);
  const mine = count(own);
  return Object.entries(SETS).some(([other, set]) => {
    if (other === lang) return false;
    const theirs = count(set);
    return theirs >= 2 && theirs > mine;
  });
}
