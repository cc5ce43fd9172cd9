// Issue item 6: presets and URL building for every way users type a base URL.
import { apiBaseUrl, chatCompletionsUrl, configProblem, healthUrl, modelsUrl, PRESETS, propsUrl } from "../../src/llm";

test("preset defaults", () => {
  expect(PRESETS["llama-server"]).toMatchObject({
    baseUrl: "http://127.0.0.1:8080",
    requiresModel: false,
    cachePrompt: true,
  });
  expect(PRESETS.ollama).toMatchObject({
    baseUrl: "http://127.0.0.1:11434/v1",
    requiresModel: true,
    cachePrompt: false,
  });
  expect(PRESETS.lmstudio).toMatchObject({
    baseUrl: "http://127.0.0.1:1234/v1",
    requiresModel: true,
    cachePrompt: false,
  });
  expect(PRESETS.custom).toMatchObject({ baseUrl: "", cachePrompt: false });
});

test.each([
  ["http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"],
  ["http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/chat/completions"],
  ["http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/chat/completions"],
  ["http://127.0.0.1:11434/v1//", "http://127.0.0.1:11434/v1/chat/completions"],
  [" http://localhost:1234/v1/chat/completions ", "http://localhost:1234/v1/chat/completions"],
  ["https://api.example.com/openai/v1", "https://api.example.com/openai/v1/chat/completions"],
  ["https://proxy.example.com/llm", "https://proxy.example.com/llm/v1/chat/completions"],
])("chatCompletionsUrl(%j)", (base, url) => {
  expect(chatCompletionsUrl(base)).toBe(url);
});

test("server-level endpoints sit beside /v1", () => {
  expect(healthUrl("http://127.0.0.1:8080/v1/")).toBe("http://127.0.0.1:8080/health");
  expect(propsUrl("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/props");
  expect(modelsUrl("http://127.0.0.1:11434/v1/models")).toBe("http://127.0.0.1:11434/v1/models");
  expect(apiBaseUrl("http://h:1/v1/models")).toBe("http://h:1/v1");
});

test("configProblem catches what would fail before any request", () => {
  expect(configProblem({ preset: "llama-server", baseUrl: "http://127.0.0.1:8080" })).toBeUndefined();
  expect(configProblem({ preset: "custom", baseUrl: "" })).toMatch(/No server address/);
  expect(configProblem({ preset: "custom", baseUrl: "not a url" })).toMatch(/not a valid URL/);
  expect(configProblem({ preset: "custom", baseUrl: "ftp://x/v1" })).toMatch(/http:\/\//);
  expect(configProblem({ preset: "ollama", baseUrl: PRESETS.ollama.baseUrl })).toMatch(/needs a model/);
  expect(configProblem({ preset: "ollama", baseUrl: PRESETS.ollama.baseUrl, model: "gemma2:2b" })).toBeUndefined();
});
