// Builds the page benchmark's two long fixtures (committed; run again only to change them):
// - test/fixtures/old-reddit-thread-de.html: the old-Reddit fixture's page (header, sidebar, post) with a long
//   comment thread in old Reddit's markup (nested replies, taglines, buttons, quotes, links, emphasis);
// - test/fixtures/news-article-long-de.html: a long news article with navigation, figures, an aside and a footer.
// Paragraphs are put together from German sentences of the thread's and the article's topics, deterministically,
// each one different (a page repeats buttons, not comments).
// Run: `node scripts/run-ts.mjs bench/make-fixtures.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const FIXTURES = resolve(process.cwd(), "test/fixtures");

/** A small deterministic PRNG (mulberry32), so the fixtures come out the same every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAHN = [
  "Ich fahre seit Jahren jeden Tag mit dem Regionalexpress zur Arbeit.",
  "Das Problem ist nicht das Personal, sondern die Infrastruktur.",
  "Auf meiner Strecke fällt fast jeden Freitag ein Zug aus.",
  "Die Stellwerke in meiner Region sind teilweise noch aus den Sechzigern.",
  "In Österreich klappt das mit dem Taktfahrplan deutlich besser.",
  "Mein Anschlusszug wartet grundsätzlich nie, auch wenn es nur zwei Minuten sind.",
  "Seit der Generalsanierung ist es auf unserer Linie tatsächlich besser geworden.",
  "Die Baustellen werden oft viel zu kurzfristig angekündigt.",
  "Ich habe mir inzwischen angewöhnt, immer einen Zug früher zu nehmen.",
  "Die Fahrgastrechte helfen zwar, aber das Formular ist eine Zumutung.",
  "Das Deutschlandticket war trotzdem das Beste, was dem Nahverkehr passieren konnte.",
  "Wer auf dem Land wohnt, hat ohne Auto sowieso keine Chance.",
  "Die Zugbegleiter können am wenigsten dafür und bekommen den ganzen Frust ab.",
  "Bei uns wurde die Strecke vor zwanzig Jahren eingleisig zurückgebaut.",
  "Jede kleine Störung wirkt sich dadurch sofort auf das ganze Netz aus.",
  "In der Schweiz wird pro Kopf ein Vielfaches in die Schiene investiert.",
  "Ich verstehe nicht, warum die Verspätungsstatistik Zugausfälle nicht mitzählt.",
  "Im Fernverkehr ist es am schlimmsten, im Nahverkehr geht es meistens.",
  "Letzte Woche stand unser ICE zwei Stunden wegen einer Oberleitungsstörung.",
  "Die App zeigt oft etwas anderes an als die Anzeige am Bahnsteig.",
  "Man sollte die Bahn nicht kaputtsparen und sich dann über Verspätungen wundern.",
  "Güterzüge und Personenzüge teilen sich viel zu oft dieselben Gleise.",
  "Meine Erfahrung ist, dass morgens alles pünktlich ist und abends das Chaos beginnt.",
  "Die Ausschreibungen im Nahverkehr sind ein eigenes Kapitel für sich.",
  "Ich arbeite selbst bei einem Eisenbahnverkehrsunternehmen und kann das nur bestätigen.",
  "Es fehlen überall Lokführer, und die Ausbildung dauert lange.",
  "Die Sanierung der Riedbahn war ein Test, und der ist überraschend gut gelaufen.",
  "Viele Weichen sind älter als vorgesehen und fallen bei Hitze häufiger aus.",
  "Warum gibt es eigentlich keine durchgehende Digitalisierung der Leit- und Sicherungstechnik?",
  "Am Ende zahlt der Steuerzahler so oder so, nur eben später und teurer.",
  "Ich finde, man sollte auch mal loben, wenn etwas gut funktioniert.",
  "Bei Sturm wird inzwischen vorsorglich der ganze Fernverkehr eingestellt.",
  "Die Reservierung war weg, weil der Zug in umgekehrter Wagenreihung kam.",
  "Mit dem Fahrrad im Regionalzug ist es im Sommer praktisch unmöglich.",
  "Das Bordbistro hatte natürlich wieder nur kalte Getränke.",
  "Die Pünktlichkeit im Fernverkehr lag im letzten Jahr bei knapp zwei Dritteln.",
  "Ich habe das Gefühl, dass die Kommunikation bei Störungen am meisten nervt.",
  "Wenn man weiß, wie lange es dauert, kann man sich wenigstens darauf einstellen.",
  "Die Politik hat jahrzehntelang lieber Autobahnen gebaut.",
  "Trotz allem fahre ich lieber Zug als im Stau zu stehen.",
  "Ein Freund von mir ist Fahrdienstleiter und erzählt ähnliche Geschichten.",
  "Die neuen Züge sind leiser, aber die Sitze sind eine Katastrophe.",
  "Man muss auch sagen, dass das Netz heute viel voller ist als früher.",
  "Es bräuchte mehr Überholgleise, damit schnelle Züge nicht hinter langsamen hängen.",
  "Bei der letzten Streckensperrung gab es immerhin einen gut organisierten Ersatzverkehr.",
  "Meine Oma fährt seit fünfzig Jahren Bahn und sagt, früher war es nicht besser.",
];

const HITZE = [
  "Die Zahl der heißen Tage hat sich in vielen Städten seit den Sechzigerjahren verdoppelt.",
  "Besonders betroffen sind dicht bebaute Innenstädte mit wenig Grün.",
  "Ältere Menschen trinken bei Hitze oft zu wenig und unterschätzen die Gefahr.",
  "Fachleute empfehlen, Schulen und Pflegeheime zuerst mit Verschattung auszustatten.",
  "Bäume senken die Temperatur auf Straßen und Plätzen um mehrere Grad.",
  "Viele Kommunen haben in den vergangenen Jahren Trinkbrunnen aufgestellt.",
  "Die Kosten für Klimaanlagen in öffentlichen Gebäuden sind jedoch hoch.",
  "Im Rathaus gibt es an heißen Tagen inzwischen einen kühlen Aufenthaltsraum.",
  "Der Deutsche Wetterdienst warnt in zwei Stufen vor starker und extremer Hitze.",
  "Die Krankenkassen verzeichnen an Hitzetagen deutlich mehr Notfälle.",
  "Hausärztinnen und Hausärzte sollen gefährdete Patienten künftig aktiv ansprechen.",
  "Ein wichtiger Baustein sind Telefonketten für Menschen, die allein leben.",
  "In Frankreich gibt es solche Pläne schon seit dem Hitzesommer 2003.",
  "Die Stadtverwaltung prüft, ob Arbeitszeiten im Sommer früher beginnen können.",
  "Auch Baustellen sollen an extrem heißen Tagen mittags ruhen.",
  "Helle Dächer und Fassaden werfen einen Teil der Sonnenstrahlung zurück.",
  "Entsiegelte Flächen nehmen Regen auf und kühlen durch Verdunstung.",
  "Die Finanzierung solcher Maßnahmen ist in vielen Haushalten nicht gesichert.",
  "Sozialverbände fordern, Wohnungslose stärker in den Blick zu nehmen.",
  "Kinder sind besonders empfindlich, weil sie schneller austrocknen.",
  "In Pflegeheimen fehlt es oft an Personal, um allen Bewohnern regelmäßig etwas zu trinken zu geben.",
  "Die Stadtwerke haben angekündigt, weitere Brunnen an Haltestellen zu bauen.",
  "Eine Umfrage zeigt, dass viele Menschen die Gefahr durch Hitze unterschätzen.",
  "Nachts kühlt es in der Innenstadt kaum noch ab, was den Schlaf stört.",
  "Die Landesregierung will den Kommunen mit einem Förderprogramm helfen.",
  "Kritiker bemängeln, dass die Maßnahmen zu langsam umgesetzt werden.",
  "Parks und Grünflächen werden an heißen Tagen zu wichtigen Rückzugsorten.",
  "Im Sommer sollen öffentliche Schwimmbäder länger geöffnet bleiben.",
  "Der Hitzeschutz soll künftig bei jedem neuen Bebauungsplan berücksichtigt werden.",
  "Ein Forschungsteam misst seit drei Jahren die Temperaturen in einzelnen Straßenzügen.",
  "Die Ergebnisse zeigen große Unterschiede zwischen begrünten und kahlen Straßen.",
  "Manche Städte verteilen an Hitzetagen kostenlos Wasser auf Märkten und Plätzen.",
  "Für Beschäftigte im Freien gelten bisher kaum verbindliche Regeln.",
  "Gewerkschaften fordern eine Hitzepause ab einer bestimmten Temperatur.",
  "Die Feuerwehr rückt im Sommer häufiger zu Vegetationsbränden aus.",
  "Wasserversorger bitten in trockenen Wochen darum, sparsam mit Wasser umzugehen.",
];

const NAMES = [
  "Weichensteller",
  "kartoffelsalat_",
  "Eidgenosse",
  "Pendlerin_Koeln",
  "zugchef84",
  "Niedersachse",
  "grauer_Panther",
  "Schaffnerin_a_D",
  "Bahnpendler_93",
  "ostseeblick",
  "Taktfahrplan",
  "Lokfuehrer_Max",
  "Regiobahn_Fan",
  "muenchner_kindl",
  "Fernpendler",
];

/** Paragraphs of 1–3 sentences, each one different, some with emphasis or a link. */
function paragraphs(sentences: readonly string[], count: number, seed: number): string[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < count) {
    const n = 1 + Math.floor(rand() * 3);
    const chosen = Array.from({ length: n }, () => pick(sentences));
    const text = chosen.join(" ");
    if (seen.has(text)) continue;
    seen.add(text);
    const r = rand();
    const words = text.split(" ");
    if (r < 0.15 && words.length > 6) {
      const at = 2 + Math.floor(rand() * (words.length - 5));
      words.splice(at, 2, `<strong>${words[at]} ${words[at + 1]}</strong>`);
    } else if (r < 0.3 && words.length > 6) {
      const at = 1 + Math.floor(rand() * (words.length - 4));
      words.splice(at, 2, `<a href="https://example.org/artikel/${out.length}">${words[at]} ${words[at + 1]}</a>`);
    } else if (r < 0.38 && words.length > 6) {
      const at = 3 + Math.floor(rand() * (words.length - 6));
      words.splice(at, 1, `<em>${words[at]}</em>`);
    }
    out.push(words.join(" "));
  }
  return out;
}

const BUTTONS = `<ul class="flat-list buttons"><li class="first"><a href="#" class="bylink" rel="nofollow">Permalink</a></li><li><a href="#">einbetten</a></li><li class="save-button"><a href="#">speichern</a></li><li><a href="#">Elternkommentar</a></li><li class="report-button"><a href="#" class="reportbtn">melden</a></li><li class="reply-button"><a href="#">antworten</a></li></ul>`;
const ARROWS = `<div class="midcol unvoted"><div class="arrow up" role="button" aria-label="Hochwählen" tabindex="0"></div><div class="arrow down" role="button" aria-label="Runterwählen" tabindex="0"></div></div>`;

function redditThread(): string {
  const source = readFileSync(resolve(FIXTURES, "old-reddit-de.html"), "utf8");
  const start = source.indexOf(`    <div class="sitetable nestedlisting"`);
  const end = source.indexOf(`<div class="footer-parent">`);
  const head = source.slice(0, start).replace("247 Kommentare", "412 Kommentare");
  const foot = source.slice(end);
  const rand = random(7);
  const texts = paragraphs(BAHN, 300, 11);
  let next = 0;
  let id = 100;
  const comment = (depth: number): string => {
    const n = 1 + Math.floor(rand() * 2.2);
    const name = NAMES[Math.floor(rand() * NAMES.length)] as string;
    const score = Math.floor(rand() * 400) + 1;
    const body = Array.from({ length: n }, () => {
      const p = texts[next++ % texts.length] as string;
      return rand() < 0.08 ? `<blockquote><p>${p}</p></blockquote>` : `<p>${p}</p>`;
    }).join("\n");
    const children: string[] = [];
    if (depth < 4) {
      const replies = rand() < 0.55 ? Math.floor(rand() * 3) : 0;
      for (let i = 0; i < replies && next < texts.length - 3; i++) children.push(comment(depth + 1));
    }
    const cid = `kx${id++}`;
    return `<div class="thing id-t1_${cid} noncollapsed comment" id="thing_t1_${cid}" data-fullname="t1_${cid}" data-author="${name}">
${ARROWS}
<div class="entry unvoted">
<p class="tagline"><a href="javascript:void(0)" class="expand">[–]</a><a href="https://old.reddit.com/user/${name}" class="author may-blank">${name}</a><span class="userattrs"></span> <span class="score unvoted" title="${score}">${score} Punkte</span> <time datetime="2024-03-04T09:${String(id % 60).padStart(2, "0")}:00+00:00" class="live-timestamp">vor 3 Stunden</time></p>
<form action="#" class="usertext warn-on-unload"><div class="usertext-body may-blank-within md-container"><div class="md">
${body}
</div></div></form>
${BUTTONS}
</div>
<div class="child">${children.length ? `<div class="sitetable listing">\n${children.join("\n")}\n</div>` : ""}</div>
</div>`;
  };
  const top: string[] = [];
  while (next < texts.length - 3) top.push(comment(0));
  const listing = `    <div class="sitetable nestedlisting" id="siteTable_t3_1b2c3d">
${top.join("\n")}
<div class="thing morechildren" id="more_t1_kx99"><div class="entry unvoted"><span class="morecomments"><a class="button" href="javascript:void(0)">weitere Kommentare laden</a> <span class="gray">(112 Antworten)</span></span></div></div>
    </div>
  </div>
</div>

`;
  return head + listing + foot;
}

function newsArticle(): string {
  const source = readFileSync(resolve(FIXTURES, "news-article-de.html"), "utf8");
  const head = source.slice(0, source.indexOf("<main>"));
  const texts = paragraphs(HITZE, 70, 23);
  const headings = [
    "Was ein Hitzeaktionsplan regelt",
    "Wer besonders gefährdet ist",
    "Was Städte schon tun",
    "Bäume, Brunnen und helle Dächer",
    "Wer das bezahlen soll",
    "Arbeiten bei Hitze",
    "Was Fachleute fordern",
    "Wie es weitergeht",
  ];
  const body: string[] = [];
  texts.forEach((p, i) => {
    if (i > 0 && i % 8 === 0) body.push(`  <h2>${headings[i / 8 - 1] ?? "Ausblick"}</h2>`);
    if (i % 17 === 5) {
      body.push(
        `  <figure>\n    <img src="/bilder/hitze-${i}.jpg" alt="Menschen suchen Schatten unter Bäumen in der Innenstadt" width="680" height="400">\n    <figcaption>${texts[(i + 31) % texts.length]} <span class="credit">Foto: Tagesblick</span></figcaption>\n  </figure>`,
      );
    }
    body.push(`  <p>${p}</p>`);
  });
  const related = HITZE.slice(0, 10)
    .map((t, i) => `      <li><a href="/wissen/hitze-${i}/">${t.replace(/\.$/, "")}</a></li>`)
    .join("\n");
  return `${head}<main>
<article id="artikel">
  <p class="kicker">Klimawandel</p>
  <h1>Hitzesommer: Wie Städte sich auf 40 Grad vorbereiten</h1>
  <p class="lead"><strong>Immer mehr deutsche Städte erstellen Hitzeaktionspläne.</strong> Doch Fachleute warnen: Viele Maßnahmen kommen zu spät und erreichen die gefährdeten Menschen nicht.</p>
  <p class="byline">Von <a href="/autoren/julia-brenner/" rel="author">Julia Brenner</a> · <time datetime="2024-07-12T06:00:00+02:00">12. Juli 2024, 6:00 Uhr</time> · <span class="reading-time">Lesezeit: 14 Minuten</span></p>
${body.join("\n")}
</article>
<aside class="related" aria-label="Mehr zum Thema">
  <h2>Mehr zum Thema</h2>
  <ul>
${related}
  </ul>
</aside>
</main>
<footer class="site-footer">
  <ul class="nav">
    <li><a href="/impressum/">Impressum</a></li>
    <li><a href="/datenschutz/">Datenschutz</a></li>
    <li><a href="/kontakt/">Kontakt</a></li>
    <li><a href="/abo/">Abo abschließen</a></li>
  </ul>
  <p>© 2024 Tagesblick Medien GmbH. Alle Rechte vorbehalten.</p>
</footer>
</body>
</html>
`;
}

writeFileSync(resolve(FIXTURES, "old-reddit-thread-de.html"), redditThread());
writeFileSync(resolve(FIXTURES, "news-article-long-de.html"), newsArticle());
console.log("wrote test/fixtures/old-reddit-thread-de.html and test/fixtures/news-article-long-de.html");
