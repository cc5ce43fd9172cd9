// A page can search the text of Gloss's status card (window.find reads closed shadow roots), so the errors content
// scripts get carry no server address and no server message.
import { errors } from "../../src/llm/errors";
import { pageSafeError, withAddress, withoutAddress } from "../../src/shared/page-safe-error";

const config = { preset: "llama-server" as const, baseUrl: "http://10.1.2.3:8080/v1" };
const safe = (error: Parameters<typeof pageSafeError>[0]) => pageSafeError(error, config.baseUrl);

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
  const safe = pageSafeError(error, "http://192.168.1.20:8080");
  expect(safe.message).toBe("Your server answered with a web page, not a model server's API.");
  expect(JSON.stringify(safe)).not.toContain("192.168");
});

test("an example address on the server's own origin reads as one to type, on the page and back in the popup", () => {
  const wrongPath = { preset: "llama-server" as const, baseUrl: "http://127.0.0.1:8080/chat" };
  const error = errors.notFound(wrongPath, "http://127.0.0.1:8080/chat/chat/completions");
  const onPage = pageSafeError(error, wrongPath.baseUrl);
  expect(onPage.fix).toContain("e.g. your server's address (the part before /chat/completions");
  expect(JSON.stringify(onPage)).not.toContain("127.0.0.1");
  expect(withAddress(onPage.fix ?? "", wrongPath.baseUrl)).toContain("e.g. http://127.0.0.1:8080 (the part");
  const example = "Use e.g. http://127.0.0.1:8080/v1 (the part before /chat/completions).";
  const withPath = withoutAddress(example, wrongPath.baseUrl);
  expect(withPath).toBe("Use e.g. your server's address followed by /v1 (the part before /chat/completions).");
  expect(withAddress(withPath, wrongPath.baseUrl)).toBe(example);
});
