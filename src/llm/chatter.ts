// What small models write around a translation, in English and in the reader's language: a lead-in ("Voici la
// traduction :"), a closing note ("(Remarque : …)"), a refusal, a reply that is only chatter. A model translating
// into French chatters in French as often as in English, so each is recognised in both.
import { primaryLang } from "../shared/languages";

/** One language's chatter, as regular-expression sources (matched case-insensitively). */
interface ChatterWords {
  /** The word for "translation" ("traduction", "翻译"). */
  translation: string;
  /** "Here is", opening a lead-in. */
  hereIs: string;
  /** "Sure", "Of course" before a lead-in. */
  sure: string;
  /** "into" before a language's name ("Übersetzung ins Deutsche:"). Absent for scripts without spaces. */
  into?: string;
  /** A note's label ("Remarque", "注"). */
  note: string;
  /** An apology that opens a refusal. */
  sorry: string;
  /** "I cannot": words that say it is the writer who cannot (a page's notices say what cannot be done, or who else). */
  cannot: string;
  /** "Cannot" that does not say who ("无法", "できません", "không thể", "ne mogu": I or they): a refusal only with a
   * word for what it will not do, as "Désolé, la page est introuvable" is not. */
  unable?: string;
  /** What a refusal says it cannot do: translate (always the first alternative), help. Where no "I" need come first
   * (Chinese, Japanese, Korean), never words a page's own notices use ("提供", "対応", "제공": not provided, not
   * supported; "도움말": help pages). */
  help: string;
  /** The verb comes before "cannot" ("翻訳できません", "번역할 수 없습니다"). */
  helpFirst?: true;
  /** "I" that opens a sentence whose "cannot" at its end does not say who (Urdu "سکتا" is also he; Tamil "முடியாது"
   * anyone): without it, "He cannot help you" and "This file cannot be translated" are a page's, no refusal. */
  self?: string;
  /** "I cannot" in one word with what ("çeviremem": I cannot translate). */
  refuses?: string;
  /** Written without spaces between words (Chinese, Japanese) or with particles fused to them (Korean). */
  compact?: boolean;
  /** "As an AI language model", opening a model's refusal as itself (a page's text opens so only quoting one). */
  asAi?: string;
  /** A model's closing words on a line of their own after the text ("I hope this helps!", "Let me know if…"). */
  hopes?: string;
}

const WORDS: Readonly<Record<string, ChatterWords>> = {
  en: {
    translation: "translations?|translated text",
    hereIs: "here(?:['’]s| is| are)|below is",
    sure: "sure|certainly|of course|okay|ok",
    into: "into|in|to",
    // "Translation notes:", "Notes on the translation:", "Explanation of changes:" as Gemma and Llama label theirs.
    note: "notes?(?: on (?:the )?translation)?|n\\.\\s?b\\.|translator['’]s notes?|translation notes?|please note|explanations?(?: of (?:the )?(?:changes|choices|translation|terms))?|alternatives?(?: translations?)?|literal(?:ly)?(?: translation)?",
    sorry: "i['’]?m sorry|i am sorry|sorry|unfortunately|i apologi[sz]e",
    cannot:
      "i can(?:not|['’]t)|i am unable|i['’]m unable|i won['’]t|i am not able|i['’]m not able|i (?:do not|don['’]t) feel comfortable|i am not comfortable|i['’]m not comfortable|i (?:must|have to) (?:decline|refuse)",
    // What a model refuses, never what a thread's "I can't help it", "I can't provide for them" says.
    help: "translat|help(?: you)? with (?:that|this|it)\\b|assist|comply|fulfil|provide (?:a |an |the )?(?:translation|that|this)|(?:this|that|the|your) (?:text|content|request|passage)\\b",
    // And a remark on the translation itself: "This translation keeps…", "I translated 'everyone' as…".
    // And on the task: "The tags have been preserved.", "I've translated all segments…", "Is there anything else I can…".
    hopes:
      "i hope (?:this|that|it) (?:helps|is helpful|was helpful)|hope (?:this|that|it) helps|(?:please )?let me know if|feel free to|if you (?:have|need) (?:any )?(?:other|more|further)|is there anything else i can|this translation\\b|i(?:['’]ve| have)? (?:translated|kept|preserved|maintained|retained) (?:the|it|this|all|every|each|[\"“'‘])|(?:all |the )?(?:html )?(?:tags|placeholders|markers|segments|formatting)(?: \\w+){0,3} (?:have been|has been|were|was|are) (?:kept|preserved|maintained|retained|translated)",
  },
  fr: {
    translation: "traduction|texte traduit|version traduite",
    hereIs: "voici|voilà",
    sure: "bien sûr|certainement|d['’]accord|ok|volontiers",
    into: "en|vers le|vers la|vers l['’]",
    note: "remarque|note(?: du traducteur)?|nota|n\\.\\s?b\\.|explication",
    sorry: "(?:je suis )?(?:vraiment )?désolée?|pardon|excusez-moi|je m['’]excuse|malheureusement",
    cannot: "je ne (?:peux|pourrai|vais) pas|je ne suis pas en mesure|il m['’]est impossible",
    help: "tradui|aider|répondre|fournir|accéder",
    asAi: "en tant qu['’](?:ia|intelligence artificielle|assistant)|en tant que modèle (?:de langage|linguistique)",
    hopes: "j['’]espère que (?:cela|ça) (?:t['’]|vous )?aide|n['’]hésitez pas|dites-moi si",
  },
  de: {
    translation: "übersetzung|übersetzte[rn]? text",
    hereIs: "hier ist|hier sind|hier die|hier kommt|anbei",
    sure: "gerne|gern|natürlich|klar|selbstverständlich|okay|ok",
    into: "ins|in|auf",
    note: "anmerkung|hinweis|bemerkung|notiz|n\\.\\s?b\\.|erklärung",
    sorry: "(?:es )?tut mir (?:sehr )?leid|entschuldigung|entschuldige|leider",
    cannot:
      "ich kann[^.!?\\n]{0,40}?nicht|kann ich[^.!?\\n]{0,40}?nicht|ich bin nicht in der lage|ich werde[^.!?\\n]{0,40}?nicht",
    help: "übersetz|helfen|nachkommen|erfüllen|beantworten",
    asAi: "als (?:eine? )?(?:ki|künstliche intelligenz|(?:ki-)?sprachmodell|ki-assistent)",
    hopes: "ich hoffe, (?:das|dies|es) hilft|lass(?:en sie)? mich wissen|sag(?:en sie)? bescheid",
  },
  es: {
    translation: "traducción|texto traducido",
    hereIs: "aquí (?:está|están|tienes|tiene|va)|he aquí|esta es",
    sure: "claro|por supuesto|desde luego|vale|ok",
    into: "al|a la|en",
    note: "nota|observación|aclaración|explicación",
    sorry: "lo siento(?: mucho)?|lo lamento|disculpa|disculpe|perdón|lamentablemente",
    cannot: "no puedo|no me es posible|no estoy en condiciones",
    help: "traduc|ayudar|cumplir|responder|proporcionar",
    asAi: "como (?:una? )?(?:ia|inteligencia artificial|modelo de lenguaje|asistente de ia)",
    hopes: "espero que (?:esto |esta traducción )?(?:te |le )?(?:ayude|sirva)|avísame si|no dudes en",
  },
  ca: {
    translation: "traducció|text traduït",
    hereIs: "aquí (?:tens|està|teniu)|aquesta és",
    sure: "és clar|per descomptat|d['’]acord|ok",
    into: "al|a la|en",
    note: "nota|observació",
    sorry: "ho sento|disculpa|disculpeu|perdó|malauradament",
    cannot: "no puc|no em és possible",
    help: "tradu|ajudar|complir|respondre",
  },
  it: {
    translation: "traduzione|testo tradotto",
    hereIs: "ecco",
    sure: "certo|certamente|sicuro|va bene|ok",
    into: "in|all['’]|verso l['’]",
    note: "nota|osservazione",
    sorry: "mi dispiace|spiacente|scusa(?:mi|te)?|purtroppo",
    cannot: "non posso|non sono in grado|non riesco",
    help: "tradur|aiutar|rispondere|fornire",
    asAi: "come (?:un['’] ?)?(?:ia|intelligenza artificiale|modello (?:di linguaggio|linguistico))|in quanto (?:ia|modello)",
  },
  pt: {
    translation: "tradução|texto traduzido",
    hereIs: "aqui (?:está|estão|vai)|eis|segue",
    sure: "claro|com certeza|certamente|ok",
    into: "para o|para a|para|em",
    note: "nota|observação|obs\\.",
    sorry: "desculpe|desculpa|sinto muito|lamento|infelizmente",
    cannot: "não posso|não consigo|não sou capaz",
    help: "traduz|ajudar|atender|responder|fornecer",
    asAi: "como (?:uma? )?(?:ia|inteligência artificial|modelo de linguagem)",
  },
  ro: {
    translation: "traducerea|traducere",
    hereIs: "iată|aici este",
    sure: "sigur|desigur|bine",
    into: "în",
    note: "notă|observație",
    sorry: "îmi pare rău|scuze|din păcate",
    cannot: "eu nu pot|nu sunt în măsură",
    unable: "nu pot",
    help: "traduc|ajuta|răspunde",
  },
  nl: {
    translation: "vertaling|vertaalde tekst",
    hereIs: "hier is|hierbij|dit is",
    sure: "natuurlijk|zeker|oké|ok",
    into: "naar het|naar|in het",
    note: "opmerking|noot|let op|n\\.\\s?b\\.",
    sorry: "het spijt me|sorry|excuses|helaas",
    cannot: "ik kan[^.!?\\n]{0,40}?niet|kan ik[^.!?\\n]{0,40}?niet|ik ben niet in staat",
    help: "vertal|helpen|voldoen",
  },
  sv: {
    translation: "översättning(?:en)?",
    hereIs: "här är|här kommer",
    sure: "visst|självklart|absolut|okej|ok",
    into: "till",
    note: "obs|notera|anmärkning",
    sorry: "förlåt|tyvärr|jag är ledsen|ursäkta",
    cannot: "jag kan[^.!?\\n]{0,40}?inte|kan jag[^.!?\\n]{0,40}?inte",
    help: "översätt|hjälpa",
  },
  da: {
    translation: "oversættelse(?:n)?|oversettelse(?:n)?",
    hereIs: "her er",
    sure: "selvfølgelig|selvsagt|klart|ok",
    into: "til",
    note: "bemærk|bemerk|merknad|note|obs",
    sorry: "beklager|undskyld|unnskyld|desværre|dessverre",
    cannot: "jeg kan[^.!?\\n]{0,40}?ikke|kan jeg[^.!?\\n]{0,40}?ikke",
    help: "overs|hjælpe|hjelpe",
  },
  pl: {
    translation: "tłumaczenie|przekład",
    hereIs: "oto|poniżej",
    sure: "oczywiście|jasne|dobrze|ok",
    into: "na",
    note: "uwaga|notatka|przypis",
    sorry: "przepraszam|niestety|przykro mi",
    cannot: "nie mogę|nie jestem w stanie",
    help: "tłumacz|pomóc|spełnić|odpowiedzieć",
  },
  cs: {
    translation: "překlad|preklad",
    hereIs: "zde je|tady je|tu je|toto je|níže je|nižšie je",
    sure: "jistě|samozřejmě|určite|samozrejme|dobře|ok",
    into: "do",
    note: "poznámka",
    sorry: "omlouvám se|promiňte|bohužel|prepáčte|ospravedlňujem sa|žiaľ",
    cannot: "nemohu|nemůžu|nemôžem|nejsem schopen|nie som schopný",
    help: "přelož|prelož|pomoc|pomôc|splnit|splniť",
  },
  hr: {
    translation: "prijevod|prevod|превод",
    hereIs: "evo|ovo je|ево",
    sure: "naravno|svakako|наравно|ok",
    into: "na",
    note: "napomena|bilješka|напомена",
    sorry: "žao mi je|oprostite|nažalost|извините|нажалост|жао ми је",
    cannot: "ja ne mogu|ја не могу",
    unable: "ne mogu|не могу",
    help: "prevesti|prevedem|pomoći|превести|преведем|помоћи",
  },
  bg: {
    translation: "превод(?:ът)?",
    hereIs: "ето|това е",
    sure: "разбира се|добре|ок",
    into: "на",
    note: "забележка|бележка",
    sorry: "съжалявам|извинете|за съжаление",
    cannot: "не мога",
    help: "преведа|превод|помогна",
  },
  ru: {
    translation: "перевод",
    hereIs: "вот|ниже",
    sure: "конечно|разумеется|хорошо|ок",
    into: "на",
    note: "примечание|прим\\.|замечание|обратите внимание|пояснение|объяснение",
    sorry: "извини(?:те)?|прости(?:те)?|к сожалению|прошу прощения|мне жаль",
    cannot: "я не могу|не могу|я не в состоянии",
    help: "перев|помочь|выполнить|ответить",
    asAi: "как (?:языковая модель|(?:модель )?ии|искусственный интеллект)",
    hopes: "надеюсь, (?:это|перевод) помо|дайте (?:мне )?знать|если у вас (?:есть|возникнут)",
  },
  uk: {
    translation: "переклад",
    hereIs: "ось|нижче",
    sure: "звичайно|звісно|гаразд|добре",
    into: "на",
    note: "примітка|прим\\.|зауваження",
    sorry: "вибачте|перепрошую|на жаль|мені шкода",
    cannot: "я не можу|не можу",
    help: "перекл|допомогти|виконати",
  },
  el: {
    translation: "μετάφραση",
    hereIs: "ορίστε|ιδού|εδώ είναι",
    sure: "βεβαίως|φυσικά|εντάξει",
    into: "στα|στην|στο",
    note: "σημείωση",
    sorry: "λυπάμαι|συγγνώμη|δυστυχώς",
    cannot: "δεν μπορώ",
    help: "μεταφρ|βοηθήσω",
  },
  hu: {
    translation: "fordítás(?:a)?",
    hereIs: "íme|itt van|itt a|itt az",
    sure: "persze|természetesen|rendben",
    note: "megjegyzés",
    sorry: "sajnálom|elnézést|sajnos",
    cannot: "nem tudom|nem tudok|nem vagyok képes",
    help: "fordít|segít",
  },
  fi: {
    translation: "käännös",
    hereIs: "tässä on|tässä|alla on",
    sure: "toki|tietysti|selvä",
    note: "huomautus|huom\\.",
    sorry: "valitettavasti|pahoittelen|anteeksi",
    cannot: "en voi|en pysty",
    help: "kääntää|auttaa",
  },
  tr: {
    translation: "çeviri(?:si)?|tercüme(?:si)?",
    hereIs: "[iİ]şte|aşağıda",
    sure: "tabii|elbette|tamam",
    note: "not",
    sorry: "üzgünüm|maalesef|özür dilerim",
    cannot: "yapamam|çeviremem|edemem|olamam|veremem",
    help: "çevir|yardım|tercüme",
    helpFirst: true,
    refuses: "çeviremem",
  },
  he: {
    translation: "התרגום|תרגום",
    hereIs: "הנה|להלן",
    sure: "בטח|כמובן|בסדר",
    into: "ל",
    note: "הערה",
    sorry: "מצטער|מצטערת|סליחה|לצערי",
    cannot: "אני לא יכול|אני לא יכולה|איני יכול|אינני יכול|לא אוכל",
    help: "לתרגם|לעזור",
  },
  ar: {
    translation: "الترجمة|ترجمة",
    hereIs: "إليك|اليك|هذه هي|ها هي|فيما يلي",
    sure: "بالتأكيد|بالطبع|حسنًا|حسنا|طبعًا|طبعا",
    into: "إلى|الى",
    note: "ملاحظة|ملحوظة|تنبيه",
    sorry: "عذرًا|عذرا|آسف|أنا آسف|أعتذر|للأسف|معذرة",
    cannot: "لا أستطيع|لا يمكنني|لن أتمكن|لا أقدر",
    help: "ترجم|مساعد|تقديم|تلبية",
  },
  fa: {
    translation: "ترجمه",
    hereIs: "این|در اینجا|اینجا",
    sure: "حتما|البته|باشه",
    into: "به",
    note: "توجه|یادداشت",
    sorry: "متاسفم|متأسفم|ببخشید|متاسفانه|متأسفانه",
    cannot: "نمی‌توانم|نمیتوانم|نمی توانم",
    help: "ترجمه|کمک",
  },
  hi: {
    translation: "अनुवाद",
    hereIs: "यहाँ|यहां|यह रहा|यह है",
    sure: "ज़रूर|जरूर|बिल्कुल|ठीक है",
    note: "नोट|टिप्पणी",
    sorry: "क्षमा करें|माफ़ कीजिए|माफ कीजिए|मुझे खेद है|खेद है",
    cannot: "मैं[^।.!?\\n]{0,30}?(?:नहीं कर सकता|नहीं कर सकती|असमर्थ)",
    unable: "नहीं कर सकता|नहीं कर सकती|असमर्थ",
    help: "अनुवाद|मदद|सहायता",
    helpFirst: true,
  },
  vi: {
    translation: "bản dịch",
    hereIs: "đây là|dưới đây là",
    sure: "chắc chắn rồi|tất nhiên|được rồi|vâng",
    into: "sang",
    note: "lưu ý|ghi chú|chú ý",
    sorry: "xin lỗi|rất tiếc|tôi xin lỗi",
    cannot: "tôi không thể",
    unable: "không thể",
    help: "dịch|giúp|hỗ trợ|đáp ứng",
  },
  id: {
    translation: "terjemahan(?:nya)?",
    hereIs: "berikut(?: ini)?(?: adalah)?|ini adalah|inilah",
    sure: "tentu saja|tentu|baiklah|baik|oke",
    into: "ke dalam|ke",
    note: "catatan|nota",
    sorry: "maaf|mohon maaf|sayangnya",
    cannot: "saya tidak (?:dapat|bisa|boleh)",
    unable: "tidak dapat|tidak bisa",
    help: "menerjemahkan|terjemah|membantu|memenuhi",
  },
  bn: {
    translation: "অনুবাদ",
    hereIs: "এখানে|এই যে|নিচে",
    sure: "অবশ্যই|নিশ্চয়ই|ঠিক আছে",
    note: "দ্রষ্টব্য|নোট|টীকা",
    sorry: "দুঃখিত|ক্ষমা করবেন|দুর্ভাগ্যবশত",
    cannot: "আমি[^।.!?\\n]{0,30}?(?:পারব না|পারবো না|পারি না|পারছি না|অক্ষম)",
    // First-person forms ("পারব", not "পারবে"): the "I" is in the verb.
    unable: "পারব না|পারবো না|পারি না|পারছি না|অক্ষম",
    help: "অনুবাদ|সাহায্য",
    helpFirst: true,
  },
  ta: {
    translation: "மொழிபெயர்ப்பு",
    hereIs: "இதோ|இங்கே|கீழே",
    sure: "நிச்சயமாக|கண்டிப்பாக|சரி",
    note: "குறிப்பு",
    sorry: "மன்னிக்கவும்|வருந்துகிறேன்|துரதிர்ஷ்டவசமாக",
    cannot: "என்னால்[^.!?\\n]{0,30}?(?:முடியாது|இயலாது)",
    unable: "முடியாது|இயலாது",
    help: "மொழிபெயர்|உதவ",
    helpFirst: true,
    self: "என்னால்|நான்",
  },
  ur: {
    translation: "ترجمہ",
    hereIs: "یہ رہا|یہ ہے|یہاں|ذیل میں",
    sure: "ضرور|بالکل|ٹھیک ہے",
    note: "نوٹ|توجہ",
    sorry: "معذرت|معاف کیجیے|معاف کیجئے|افسوس|بدقسمتی سے",
    cannot: "میں[^۔.!?\\n]{0,30}?(?:نہیں کر سکتا|نہیں کر سکتی|قاصر)",
    unable: "نہیں کر سکتا|نہیں کر سکتی|قاصر ہوں",
    help: "ترجمہ|مدد",
    helpFirst: true,
    self: "میں",
  },
  th: {
    translation: "คำแปล|การแปล|ฉบับแปล",
    hereIs: "นี่คือ|ต่อไปนี้คือ|ด้านล่างนี้คือ",
    sure: "ได้เลย|แน่นอน|ได้ครับ|ได้ค่ะ|โอเค",
    note: "หมายเหตุ",
    sorry: "ขออภัย|ขอโทษ|เสียใจ|น่าเสียดาย",
    cannot: "(?:ฉัน|ผม|ดิฉัน)[^.!?\\n]{0,30}?ไม่สามารถ",
    unable: "ไม่สามารถ",
    // Not "ช่วยเหลือ" alone: a page's help centre ("ศูนย์ช่วยเหลือ") that cannot load is no refusal. Nor "แปลง"
    // (convert, in "เปลี่ยนแปลง" change) or "แปลก" (strange): "ไม่สามารถแปลงไฟล์ได้" is a page's "could not convert".
    help: "แปล(?![กง])|ช่วยคุณ|ช่วยเหลือคุณ",
    compact: true,
  },
  et: {
    translation: "tõlge|tõlke|tõlgitud tekst",
    hereIs: "siin on|allpool on|järgnevalt on",
    sure: "muidugi|kindlasti|olgu|ok",
    note: "märkus|n\\.\\s?b\\.",
    sorry: "vabandust|vabandan|kahjuks|mul on kahju",
    cannot: "ma ei saa|ei saa ma|ma ei suuda|ma ei või",
    help: "tõlki|aidata|täita",
  },
  lv: {
    translation: "tulkojums|tulkojumu|tulkotais teksts",
    hereIs: "šeit ir|lūk|zemāk ir",
    sure: "protams|noteikti|labi|ok",
    into: "uz",
    note: "piezīme|piebilde",
    sorry: "atvainojiet|atvainojos|piedodiet|diemžēl|man žēl",
    // "nevaru" is I cannot; "nevar" (they, it) is a page's notice.
    cannot: "es nevaru|nevaru|es neesmu spējīgs",
    help: "tulkot|palīdzēt|izpildīt",
  },
  lt: {
    translation: "vertimas|vertimą|išverstas tekstas",
    hereIs: "štai|čia yra|žemiau pateikiamas",
    sure: "žinoma|aišku|gerai|ok",
    into: "į",
    note: "pastaba",
    sorry: "atsiprašau|atleiskite|deja|apgailestauju",
    // "negaliu" is I cannot; "negali", "negalima" are a page's.
    cannot: "aš negaliu|negaliu|negalėsiu",
    help: "išvers|versti|padėti|įvykdyti",
  },
  sl: {
    translation: "prevod|prevedeno besedilo",
    hereIs: "tukaj je|tu je|spodaj je",
    sure: "seveda|vsekakor|v redu|ok",
    into: "v",
    note: "opomba",
    sorry: "oprostite|žal mi je|opravičujem se|žal",
    // "ne morem" is I cannot; "ne more", "ni mogoče" are a page's.
    cannot: "jaz ne morem|ne morem",
    help: "prevesti|prevedem|pomagati|izpolniti",
  },
  sw: {
    translation: "tafsiri|maandishi yaliyotafsiriwa",
    hereIs: "hii hapa|hapa kuna|hapa ni|ifuatayo ni|hii ndiyo",
    sure: "hakika|bila shaka|sawa|ndiyo",
    into: "kwa",
    note: "kumbuka|angalizo",
    sorry: "samahani|kwa bahati mbaya|pole",
    // "siwezi" is I cannot; "haiwezi", "hawezi" are a page's.
    cannot: "mimi siwezi|siwezi|sitaweza",
    help: "tafsiri|saidia",
  },
  tl: {
    translation: "salin|pagsasalin",
    hereIs: "narito ang|heto ang|ito ang",
    sure: "sige|siyempre|oo naman|okay",
    into: "sa",
    note: "tandaan|paalala|tala",
    sorry: "paumanhin|pasensya na|pasensiya na|ikinalulungkot ko|sa kasamaang palad",
    // "I cannot" is "hindi ko/ako" with an ability ("kaya", "ma-", "puwede"): "hindi ko alam" (I don't know) and
    // "hindi ako natulungan" (I was not helped) are a page's.
    cannot: "hindi (?:ko|ako)(?=\\s+(?:kaya|ma|pu?wede))",
    help: "salin|matulungan|makakatulong|tumulong|tulungan",
  },
  zh: {
    translation: "翻译|译文|翻譯|譯文",
    hereIs: "以下是|以下为|下面是|这是|這是|这里是|這裡是",
    sure: "好的|当然|當然|没问题|沒問題",
    note: "注|注意|备注|備註|说明|說明|註",
    sorry: "抱歉|很抱歉|非常抱歉|对不起|對不起",
    cannot: "我无法|我不能|我無法",
    unable: "无法|不能|無法",
    help: "翻译|翻譯|帮助|幫助|协助|協助",
    compact: true,
    asAi: "作[为為](?:一[个個名])?(?:人工智能|人工智慧|ai)?(?:语言模型|語言模型|助手|人工智能|人工智慧)",
  },
  ja: {
    translation: "翻訳|訳文|日本語訳|和訳",
    hereIs: "以下は|以下が|こちらは|これは",
    sure: "はい|もちろん|承知しました|かしこまりました",
    note: "注|注意|備考|補足|※",
    sorry: "申し訳(?:ありません|ございません)|すみません|ごめん(?:なさい)?|残念ながら",
    cannot: "私(?:に)?は[^。！？\\n]{0,30}?(?:できません|出来ません|いたしかねます|できかねます)",
    unable: "できません|出来ません|いたしかねます|できかねます",
    help: "翻訳|お手伝い",
    helpFirst: true,
    compact: true,
    asAi: "(?:ai|人工知能)(?:言語モデル|アシスタント)?として|言語モデルとして",
  },
  ko: {
    translation: "번역",
    hereIs: "다음은|아래는|여기",
    sure: "네|물론|알겠습니다",
    note: "참고|주의|메모|주",
    sorry: "죄송(?:합니다|하지만)|미안(?:합니다|하지만)|유감스럽게도",
    cannot: "(?:저는|제가)[^.!?\\n]{0,30}?수 없",
    unable: "수 없습니다|수 없어요|할 수 없|드릴 수 없",
    help: "번역|도와|도움(?!말)",
    helpFirst: true,
    compact: true,
  },
};

/** Languages that share another's words: Bokmål and Norwegian write as Danish does here, Malay as Indonesian. */
const SAME_AS: Readonly<Record<string, string>> = {
  nb: "da",
  no: "da",
  nn: "da",
  ms: "id",
  sk: "cs",
  sr: "hr",
  bs: "hr",
};

const WORD = "[\\p{L}\\p{M}'’-]+";
/** Not across a sentence's end or a line. */
const CLAUSE = "[^\\n.!?。！？:：।۔]";
const SENTENCE = "[^\\n.!?。！？।۔]";

interface Patterns {
  leadIn: RegExp;
  note: RegExp;
  hopes?: RegExp;
  refusal: RegExp;
  chatterOnly: RegExp;
}

function patternsOf(w: ChatterWords): Patterns {
  const sure = `(?:[¡¿]?(?:${w.sure})[\\s,!.，、。！]*)?`;
  const hereIs = w.compact
    ? `(?:${w.hereIs})${CLAUSE}{0,12}?(?:${w.translation})${CLAUSE}{0,12}`
    : `(?:${w.hereIs})\\s+(?:${WORD}\\s+){0,3}?(?:${w.translation})${CLAUSE}{0,60}`;
  // The label alone: "Traduction :", "La traduzione:", "Übersetzung ins Deutsche:", "中文翻译：", "한국어 번역:". Only
  // an article or a language's name before it: "Nouvelle traduction :" may be the page's own words.
  const into = w.into ? `(?:\\s+(?:${w.into})\\s*${WORD}(?:\\s+${WORD})?)?` : "";
  const label = w.compact
    ? `(?:\\p{L}{1,4}(?:[文语語]|어)(?:の|\\s)?)?(?:${w.translation})(?:如下|内容|內容|结果|結果|文本|입니다)?\\s*`
    : `(?:[\\p{L}]{1,3}\\s+|l['’])?(?:${w.translation})${into}\\s*`;
  const noteLabel = `[*_※]{0,2}(?:${w.note})[*_]{0,2}\\s*[:：]`;
  return {
    leadIn: new RegExp(`^${sure}(?:${hereIs}|${label})[:：]\\s*`, "iu"),
    // At the end: in parentheses after the text, or on lines of its own.
    note: new RegExp(`(?:\\s*[(（]\\s*${noteLabel}[^()（）]*[)）]|\\n\\s*${noteLabel}[\\s\\S]*)$`, "iu"),
    // Each line that opens so: the text is cut at the first one whose cut keeps the source's lines.
    ...(w.hopes ? { hopes: new RegExp(`\\n[^\\S\\n]*(?:${w.hopes})`, "giu") } : {}),
    refusal: refusalOf(w),
    chatterOnly: new RegExp(`^${sure}${hereIs}[.!:：。！।۔]?$`, "iu"),
  };
}

/**
 * A refusal opens with "I cannot" and what ("translate", "help"), an apology before it or not. A "cannot" that does
 * not say who counts only with what it will not do; in the reader's language, after an apology too: a page quoting
 * someone ("Désolé, je ne peux pas venir demain") is no refusal, whatever language the quote was in. English keeps
 * its apology with "I cannot" alone, as before. Whole words where words have spaces: "не могу" (I cannot) is not
 * "не могут" (they cannot), nor "i can't" the end of "Wi-Fi can't".
 */
function refusalOf(w: ChatterWords): RegExp {
  const word = (alternatives: string): string =>
    w.compact ? `(?:${alternatives})` : `(?<![\\p{L}\\p{M}])(?:${alternatives})(?![\\p{L}\\p{M}])`;
  const cannot = word(w.cannot);
  const unable = w.unable ? word(w.unable) : undefined;
  const what = [`${cannot}${SENTENCE}{0,40}?(?:${w.help})`];
  if (unable) what.push(`${unable}${SENTENCE}{0,40}?(?:${w.help})`);
  const verbFirst = `${SENTENCE}{0,40}?(?:${w.help})${SENTENCE}{0,12}?(?:${unable ?? cannot})`;
  // After an apology, what is not done is enough; without one, the sentence says who where the verb does not (self).
  const saysWhat = [...what, ...(w.helpFirst ? [verbFirst] : [])].join("|");
  const bare = [...what, ...(w.helpFirst ? [`${w.self ? word(w.self) : ""}${verbFirst}`] : [])].join("|");
  // English: "I'm sorry, but I can't." as the whole reply; a thread's "Sorry, I can't come tomorrow" goes on.
  const alone = w === WORDS.en ? `${cannot}[.!]*$` : w.refuses ? word(w.refuses) : undefined;
  const afterSorry = alone ? `${alone}|${saysWhat}` : saysWhat;
  // The whole phrase, not its start: "Als KI-Forscher…", "作为一名人工智能研究者…" are a page's.
  const asAi = w.asAi ? [`(?:${w.asAi})${w.compact ? "(?=[，,、。\\s])" : "(?![\\p{L}\\p{M}-])"}`] : [];
  return new RegExp(`^(?:(?:${w.sorry})${SENTENCE}{0,60}?(?:${afterSorry})|${[bare, ...asAi].join("|")})`, "iu");
}

const PATTERNS = new Map(Object.entries(WORDS).map(([lang, words]) => [lang, patternsOf(words)]));

// English as Gloss recognised it before chatter in other languages: kept word for word, so nothing it caught slips.
const EN_LEAD_IN =
  /^(?:(?:sure|certainly|of course|okay|ok)[,!.]?\s*)?(?:here(?:'s| is| are)\s+(?:the|your|my)\s+(?:\w+\s+)?translations?\b[^:\n]*:|(?:the\s+)?translation(?:\s+(?:into|in|to)\s+[\p{L} ]+)?\s*:)\s*/iu;
// A model speaking as itself: a page's text never opens so. "As an AI" as the whole subject: "As an AI researcher,
// I…" is a reader's.
const EN_REFUSAL = /^as an ai(?: (?:language )?model| assistant)?(?=\s*[,.]|\s+i\b)|^as a (?:large )?language model\b/i;
// "Sure", "Of course" alone or with what a model says next ("I can help with that", "here is…", "let me…"), not any
// sentence that opens with it: "Of course, but that is far too expensive" translates the page's "Natürlich, aber…",
// and "Sure, I can help you move tomorrow" a reply in a thread: an offer is a model's only when it offers to
// translate or help with "this", "that", "the text", nothing of the page's own.
// "Help translate" is a model's offer as much as "help with"; "do" only as "do that" ("Sure, I'll do it" is a reply).
const EN_HELP = `(?:help(?:(?: you)? (?:to )?translate)?|translate)`;
const EN_OFFER = `(?:i(?: can| will|['’]ll| would|['’]d)(?: be (?:happy|glad) to)? (?:${EN_HELP}|assist|do(?= that))|(?:i['’]?m |i am )?(?:happy|glad) to ${EN_HELP})`;
const EN_OFFERED = `(?: (?:you )?(?:with )?(?:it|(?:this|that|the) (?:text|translation|following|passage|sentence|paragraph|page|above)|this|that))?(?: for you)?(?: (?:into|to|in) \\p{L}+)?[.!:]*`;
const EN_NEXT = `(?:here\\b.*|let me\\b.*)`;
const EN_CHATTER_ONLY = new RegExp(
  `^(?:(?:sure|certainly|of course|okay)[!.,]*(?:\\s+(?:${EN_NEXT}|${EN_OFFER}${EN_OFFERED}(?:\\s+${EN_NEXT})?))?` +
    `|i (?:will|['’]ll) translate${EN_OFFERED}(?:\\s+${EN_NEXT})?|here(?:['’]s| is| are)\\b.*translation.*|translation:?)$`,
  "iu",
);

/** English and the reader's language (English alone for a language without a table here). */
function patternsFor(lang: string): Patterns[] {
  const primary = primaryLang(lang);
  const own = PATTERNS.get(SAME_AS[primary] ?? primary);
  const en = PATTERNS.get("en") as Patterns;
  return own && own !== en ? [en, own] : [en];
}

/** A first phrase in bold or italics, its colon inside the marks or after them: "**Translation:**", "*Traduction* :". */
const EMPHASISED_LEAD_RE = /^([*_]{1,2})([^*_\n]+)\1([^\S\n]*[:：])?[^\S\n]*/;

/** The text without one lead-in ("Here is the translation:", "Voici la traduction :"), or as it was. */
export function stripLeadIn(text: string, lang: string): string {
  if (EN_LEAD_IN.test(text)) return text.replace(EN_LEAD_IN, "");
  for (const p of patternsFor(lang)) if (p.leadIn.test(text)) return text.replace(p.leadIn, "");
  // Gemma and Llama set their lead-in in bold: its marks go with it (left, they hid it from the patterns above).
  const m = EMPHASISED_LEAD_RE.exec(text);
  if (m && stripLeadIn(`${m[2] ?? ""}${m[3] ?? ""}`, lang) === "") return text.slice(m[0].length);
  return text;
}

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/**
 * The text without a first line that says only that a translation follows ("Here is the translation", "Voici la
 * traduction.") with the translation on the lines after it: a lead-in without a colon. Only a line the model added
 * (the reply has more lines than the source) saying so in words for "here is … translation", never the loose "Sure…"
 * a page's own first line may start with, and never where the source speaks of a translation itself.
 */
export function stripLeadInLine(text: string, sourceText: string, lang: string): string {
  const m = /^([^\n]*)\n+/.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length).trim();
  if (!rest || count(text, /\n/g) <= count(sourceText, /\n/g) || readsAsChatter(sourceText)) return text;
  const line = (m[1] ?? "").trim();
  return patternsFor(lang).some((p) => p.chatterOnly.test(line)) ? rest : text;
}

/**
 * The text without a note the model put after it ("(Note: I kept the names.)", "注：…"), or as it was. A note is
 * the model's only where it adds the parentheses or the line it stands on: a page's own text may end with one.
 */
export function stripTrailingNote(text: string, sourceText: string, lang: string): string {
  for (const p of patternsFor(lang)) {
    const m = p.note.exec(text);
    // Never the whole text: a text that is a note is the page's own.
    if (!m || !text.slice(0, m.index).trim()) continue;
    const mark = /^\s*[(（]/.test(m[0]) ? /[(（]/g : /\n/g;
    if (count(text, mark) > count(sourceText, mark)) return text.slice(0, m.index);
  }
  return text;
}

/**
 * The text without the model's closing words on lines of their own ("I hope this helps! Let me know if…"), or as it
 * was: only lines the model added (the reply has more lines than the source), never a thread's own "Hope this helps!".
 */
export function stripSignOff(text: string, sourceText: string, lang: string): string {
  if (count(text, /\n/g) <= count(sourceText, /\n/g)) return text;
  // What is kept has at least the source's lines: a thread's own "Let me know if…" line stays when the model added
  // its "I hope this helps!" after it.
  const needed = Math.max(1, linesOf(sourceText));
  // And the source's own closing words, wherever they are: a model that put the comment's "Ich hoffe, das hilft."
  // on a line of its own gave "I hope this helps." as the comment's.
  const own = count(sourceText, SIGN_OFF_ANYWHERE);
  let cut = text.length;
  for (const p of patternsFor(lang)) {
    if (!p.hopes) continue;
    // Counted on from one candidate to the next (each starts a line): a long reply is read once.
    let lines = 0;
    let phrases = 0;
    let from = 0;
    for (const m of text.matchAll(p.hopes)) {
      const part = text.slice(from, m.index);
      lines += linesOf(part);
      phrases += count(part, SIGN_OFF_ANYWHERE);
      from = m.index;
      if (lines >= needed && phrases >= own) {
        cut = Math.min(cut, m.index);
        break;
      }
    }
  }
  return text.slice(0, cut);
}

/** Closing words in any language here, anywhere in a text. */
const SIGN_OFF_ANYWHERE = new RegExp(
  Object.values(WORDS)
    .flatMap((w) => (w.hopes ? [`(?:${w.hopes})`] : []))
    .join("|"),
  "giu",
);

/** Lines with text on them: the model's blank lines between its own are no lines of the source. */
const linesOf = (text: string): number => text.split("\n").filter((line) => line.trim()).length;

/** Whether the reply opens as a refusal, in English or in the reader's language. */
export const isRefusal = (text: string, lang: string): boolean =>
  EN_REFUSAL.test(text) || patternsFor(lang).some((p) => p.refusal.test(text));

/** Whether the reply is nothing but chatter ("Sure! Here is the translation.", "Voici la traduction."). */
export const isChatterOnly = (text: string, lang: string): boolean =>
  EN_CHATTER_ONLY.test(text) || patternsFor(lang).some((p) => p.chatterOnly.test(text));

/** Whether a source text reads like a refusal in any language here: its translation may too ("Sorry, I can't come"). */
export const readsAsRefusal = (text: string): boolean =>
  EN_REFUSAL.test(text) || [...PATTERNS.values()].some((p) => p.refusal.test(text));

/** A text that is only "Sure!", "Klar.", "Bien sûr !" in any language here: its translation is "Sure." too. */
const SURE_ONLY = new RegExp(
  `^[¡¿]?(?:${["sure|certainly|of course|okay|ok", ...Object.values(WORDS).map((w) => w.sure)].join("|")})[\\s,!.…！。]*$`,
  "iu",
);

/** A text that opens with "Sure", "Okay", "Klar", "Bien sûr" in any language here: a reply in a thread, whose
 * translation opens so too ("Okay, I'll do it", "Sure, I can do that"), not a model's offer. */
const OPENS_WITH_SURE = new RegExp(
  `^[¡¿]?(?:${["sure|certainly|of course|okay|ok", ...Object.values(WORDS).map((w) => w.sure)].join("|")})(?![\\p{L}\\p{M}])`,
  "iu",
);

export const opensWithSure = (text: string): boolean => OPENS_WITH_SURE.test(text.trim());

/** A word for translation (or translating) in any language here. */
const SPEAKS_OF_TRANSLATION = new RegExp(
  ["translat", ...Object.values(WORDS).map((w) => w.translation)].map((t) => `(?:${t})`).join("|"),
  "iu",
);

/**
 * Whether a source text reads like chatter in any language here ("Hier ist die Übersetzung."), or speaks of a
 * translation at all: its translation does too, and "Esta es la traducción oficial del documento" (for "This is the
 * official translation of the document") reads like a model's "this is the translation".
 */
export const readsAsChatter = (text: string): boolean =>
  EN_CHATTER_ONLY.test(text) ||
  SURE_ONLY.test(text.trim()) ||
  SPEAKS_OF_TRANSLATION.test(text) ||
  [...PATTERNS.values()].some((p) => p.chatterOnly.test(text));

/** An apology opening a text, in any language here ("Sorry", "Tut mir leid", "Извини", "ごめん"). */
const OPENS_WITH_APOLOGY = new RegExp(
  `^[¡¿]?(?:${Object.values(WORDS)
    .map((w) => w.sorry)
    .join("|")})(?![\\p{L}\\p{M}])`,
  "iu",
);
/** What only a model refuses: translating (each language's first word in `help`), a request, content, "help with
 * that" as a model says it (a reader helps *you* with that: "Sorry, I can't help you with that, I'm no doctor"). */
const MODEL_REFUSES = new RegExp(
  [
    "request|content|assist|comply|fulfil|help with (?:that|this)\\b",
    ...Object.values(WORDS).map((w) => w.help.split("|")[0]),
  ].join("|"),
  "iu",
);

/**
 * Whether a reply that reads as a refusal is the translation of the source's own apology: the source opens with one
 * too ("Tut mir leid, ich kann nicht", "Извини, не могу" are "Sorry, I can't"), and the reply refuses nothing only a
 * model does (translating, a request).
 */
export const apologisesAsSource = (source: string, reply: string): boolean =>
  OPENS_WITH_APOLOGY.test(source.trim()) &&
  OPENS_WITH_APOLOGY.test(reply.trim()) &&
  !SPEAKS_OF_TRANSLATION.test(reply) &&
  !MODEL_REFUSES.test(reply);

/** "Here you go:" with nothing after it: what the model said it would hand over never came. */
const HERE_YOU_GO = /^(?:(?:sure|okay|of course)[!.,]*\s*)?here you go\s*:$/i;

/** Whether the reply only announces a text ("Here you go:") where the source is no such announcement: "Bitte schön:"
 * ends with a colon too, and is translated so. */
export const handsOverNothing = (reply: string, source: string): boolean =>
  HERE_YOU_GO.test(reply.trim()) && !/[:：]\s*$/.test(source);
