// A page can search the text of Gloss's status card (window.find reads closed shadow roots), so the errors content
// scripts get carry no server address and no server message.
import { errors } from "../../src/llm/errors";
import { pageSafeError, withAddress, withoutAddress, withServerNames } from "../../src/shared/page-safe-error";

const config = { preset: "llama-server" as const, baseUrl: "http://10.1.2.3:8080/v1" };
const safe = (error: Parameters<typeof pageSafeError>[0]) => pageSafeError(error, config);

test("every error that names the server reads 'your server' instead, and keeps what to do", () => {
  const seen = [
    safe(errors.unreachable(config, "TypeError: Failed to fetch http://10.1.2.3:8080/v1/chat/completions")),
    safe(errors.unauthorized({ ...config, apiKey: "k" }, 401, "Invalid API Key")),
    safe(errors.originRejected(config)),
    safe(errors.notFound(config, "http://10.1.2.3:8080/v1/chat/completions")),
    safe(errors.loading(config, 30_000)),
    safe(errors.loading(config, 0)),
  ];
  expect(seen.map((e) => e.message)).toEqual([
    "Gloss cannot reach your server.",
    "Your server rejected the API key (HTTP 401).",
    "Your server refused requests from the browser extension (HTTP 403 with an empty body).",
    "Your server has no chat endpoint at /v1/chat/completions (HTTP 404).",
    "The model on your server is still loading after 30 s.",
    "Your server is still loading the model.",
  ]);
  for (const error of seen) {
    expect(JSON.stringify(error)).not.toContain("10.1.2.3");
    expect(error).not.toHaveProperty("detail");
  }
  expect(seen[0]!.fix).toContain("llama-server -hf");
});

test("a permission error names no host; bad-reply reasons survive; other text is left alone", () => {
  expect(withoutAddress("Gloss is not allowed to reach 10.1.2.3:8080.", config.baseUrl)).toBe(
    "Gloss is not allowed to reach your server.",
  );
  const bad = safe(errors.badReply("refusal", "I'm sorry, but I can't help with that."));
  expect(bad.reason).toBe("refusal");
  expect(bad).not.toHaveProperty("detail");
  expect(withoutAddress("The translation took longer than 300 s.", config.baseUrl)).toBe(
    "The translation took longer than 300 s.",
  );
  expect(withoutAddress("anything", "not a url")).toBe("anything");
});

test("a web page where the server should be: the page is told without the address", () => {
  const error = errors.webPage({ preset: "llama-server", baseUrl: "http://192.168.1.20:8080" }, "x");
  const safe = pageSafeError(error, { baseUrl: "http://192.168.1.20:8080" });
  expect(safe.message).toBe("Your server answered with a web page, not a model server's API.");
  expect(JSON.stringify(safe)).not.toContain("192.168");
});

test("an example address on the server's own origin reads as one to type, on the page and back in the popup", () => {
  const wrongPath = { preset: "llama-server" as const, baseUrl: "http://127.0.0.1:8080/chat" };
  const error = errors.notFound(wrongPath, "http://127.0.0.1:8080/chat/chat/completions");
  const onPage = pageSafeError(error, wrongPath);
  expect(onPage.fix).toContain("e.g. your server's address (the part before /chat/completions");
  expect(JSON.stringify(onPage)).not.toContain("127.0.0.1");
  expect(withAddress(onPage.fix ?? "", wrongPath.baseUrl)).toContain("e.g. http://127.0.0.1:8080 (the part");
  const example = "Use e.g. http://127.0.0.1:8080/v1 (the part before /chat/completions).";
  const withPath = withoutAddress(example, wrongPath.baseUrl);
  expect(withPath).toBe("Use e.g. your server's address followed by /v1 (the part before /chat/completions).");
  expect(withAddress(withPath, wrongPath.baseUrl)).toBe(example);
});

test("the model's name is not on the page; the popup puts it back", () => {
  const ollama = { preset: "ollama" as const, baseUrl: "http://127.0.0.1:11434/v1", model: "qwen3:4b-$&" };
  const names = { baseUrl: ollama.baseUrl, model: ollama.model };
  const missing = errors.notFound(
    ollama,
    "http://127.0.0.1:11434/v1/chat/completions",
    'model "qwen3:4b-$&" not found',
  );
  const cloud = errors.unauthorized({ ...ollama, model: "gpt-oss:120b-cloud" }, 401, "unauthorized");
  const studio = { preset: "lmstudio" as const, baseUrl: "http://127.0.0.1:1234/v1", model: "gemma-2-2b-it" };
  const notLoaded = errors.notFound(studio, "http://127.0.0.1:1234/v1/chat/completions", "model not loaded");

  const onPage = [
    pageSafeError(missing, names),
    pageSafeError(cloud, { ...names, model: "gpt-oss:120b-cloud" }),
    pageSafeError(notLoaded, studio),
  ];
  expect(onPage[0]).toEqual({
    kind: "not-found",
    message: "The server does not have the model chosen on the options page.",
    fix: "Download it (ollama pull followed by the model's name) or pick an installed model on the options page.",
  });
  expect(onPage[1]!.message).toBe(
    "Ollama refused the model chosen on the options page (HTTP 401): its cloud models need you signed in to ollama.com.",
  );
  expect(onPage[2]!.fix).toContain("lms load followed by the model's name; lms get downloads it first");
  expect(JSON.stringify(onPage)).not.toMatch(/qwen3|gpt-oss:120b|gemma-2-2b-it/);

  // The popup, an extension page the site cannot read, says it as it was.
  expect(withServerNames(onPage[0]!.message, names)).toBe(missing.message);
  expect(withServerNames(onPage[0]!.fix ?? "", names)).toBe(missing.fix);
  expect(withServerNames(onPage[2]!.fix ?? "", studio)).toBe(notLoaded.fix);
  // With no model set, nothing is taken out or put back.
  expect(pageSafeError(missing, { baseUrl: ollama.baseUrl }).fix).toBe(missing.fix);
});

test("an error of the reply-box card's request names no writing model either", () => {
  // Both callers pass the settings: the writing model answers what the reader writes, and its errors name it.
  const settings = { baseUrl: "http://127.0.0.1:11434/v1", model: "gemma3:4b", writingModel: "qwen3:8b" };
  const writing = { preset: "ollama" as const, baseUrl: settings.baseUrl, model: settings.writingModel };
  const missing = errors.notFound(writing, `${settings.baseUrl}/chat/completions`, 'model "qwen3:8b" not found');
  const onPage = pageSafeError(missing, settings);
  expect(JSON.stringify(onPage)).not.toContain("qwen3");
  expect(onPage.message).toBe("The server does not have the writing model chosen on the options page.");
  expect(onPage.fix).toBe(
    "Download it (ollama pull followed by the writing model's name) or pick an installed model on the options page.",
  );
});
