// What the options page says after Test connection: a failure names its fix and keeps the server's own words folded
// away; a working server lists what it told about itself and how the sample went.
import { describeServerReport } from "../../src/options/server-report-view";

const texts = (nodes: HTMLElement[]) => nodes.map((n) => n.textContent);

test("a failure shows the message as a heading, then the fix, then the server's words under Details", () => {
  const nodes = describeServerReport(document, {
    ok: false,
    kind: "",
    error: { message: "The server answered 401.", fix: "Enter the server's API key.", detail: "Invalid API Key" },
  });
  expect(nodes.map((n) => n.tagName)).toEqual(["H3", "P", "DETAILS"]);
  expect(texts(nodes).slice(0, 2)).toEqual(["The server answered 401.", "Enter the server's API key."]);
  expect(nodes[2]?.querySelector("summary")?.textContent).toBe("Details");
  expect(nodes[2]?.querySelector("pre")?.textContent).toBe("Invalid API Key");
});

test("a working server lists its facts and the sample, leaving out what it did not say", () => {
  const nodes = describeServerReport(document, {
    ok: true,
    kind: "llama-server",
    model: "gemma-2-2b-it",
    slots: 4,
    latencyMs: 12,
    sample: { source: "Guten Morgen", translation: "Good morning", durationMs: 1234, tokensPerSecond: 25 },
  });
  expect(nodes[0]?.textContent).toBe("Connected.");
  const rows = [...(nodes[1]?.querySelectorAll("dt") ?? [])].map((dt) => [
    dt.textContent,
    dt.nextElementSibling?.textContent,
  ]);
  expect(rows).toEqual([
    ["Server", "llama-server"],
    ["Model", "gemma-2-2b-it"],
    ["Slots", "4"],
    ["Latency", "12 ms"],
    ["Sample", "Guten Morgen"],
    ["Translation", "Good morning"],
    ["Took", "1.2 s"],
    ["Speed", "25 tokens/s"],
  ]);
  expect(nodes).toHaveLength(2);
});

test("a connection whose sample failed says so, with the sample's error in place of a translation and its fix", () => {
  const nodes = describeServerReport(document, {
    ok: false,
    kind: "llama-server",
    sample: {
      source: "Guten Morgen",
      error: { message: "The model is still loading.", fix: "Wait a minute.", detail: "503" },
    },
  });
  expect(nodes[0]?.textContent).toBe("Connected, but the sample translation failed.");
  expect(nodes[1]?.textContent).toContain("TranslationThe model is still loading.");
  expect(texts(nodes.slice(2, 3))).toEqual(["Wait a minute."]);
  expect(nodes[3]?.querySelector("pre")?.textContent).toBe("503");
});

test("server text is shown as text, never as markup", () => {
  const nodes = describeServerReport(document, {
    ok: false,
    kind: "",
    error: { message: "<img src=x onerror=alert(1)>", detail: "<script>alert(1)</script>" },
  });
  expect(nodes.some((n) => n.querySelector("img, script"))).toBe(false);
  expect(nodes[0]?.textContent).toBe("<img src=x onerror=alert(1)>");
});

test("a fix that sends the reader to the options page, read there, points at the fields above and Advanced below", () => {
  const [, fix] = texts(
    describeServerReport(document, {
      ok: false,
      kind: "",
      error: {
        message: "Gloss cannot reach the server at http://127.0.0.1:8080.",
        fix: "Start llama-server (for example: llama-server -hf bartowski/gemma-2-2b-it-GGUF:Q4_K_M), or check the address on the options page.",
      },
    }),
  );
  expect(fix).toBe(
    "Start llama-server (for example: llama-server -hf bartowski/gemma-2-2b-it-GGUF:Q4_K_M), or check the address above.",
  );
  const sample = texts(
    describeServerReport(document, {
      ok: false,
      kind: "llama-server",
      sample: {
        source: "Guten Morgen",
        error: {
          message: "The server took too long.",
          fix: "A faster model or a GPU helps; so do smaller batches (Batch size, under Advanced on the options page).",
        },
      },
    }),
  );
  expect(sample).toContain(
    "A faster model or a GPU helps; so do smaller batches (Batch size, under Advanced, further down).",
  );
});
