// Every llama-server command Gloss prints — in the README, on the options page, in connection errors — against the
// real argument syntax of a named llama-server build: test/fixtures/llama-server/help-b10108.txt is the verbatim
// output of `llama-server --version` and `llama-server --help` of llama.cpp build b10108 (commit 0a50d99), built
// from source. A flag that needs a value and has none (the bare `-fa` that swallowed `-c`) fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkArguments, llamaServerCommands, markdownCode, parseHelp, shellWords } from "../helpers/llama-server-args";
import { errors } from "../../src/llm/errors";
import * as serverCommands from "../../src/shared/server-commands";

const root = resolve(__dirname, "../..");
const fixture = readFileSync(join(root, "test/fixtures/llama-server/help-b10108.txt"), "utf8");
const options = parseHelp(fixture);
const readme = readFileSync(join(root, "README.md"), "utf8");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|html)$/.test(name) ? [path] : [];
  });
}

const check = (args: string[]) => checkArguments(args, options);

describe("the llama-server help fixture", () => {
  it("is build b10108's own output", () => {
    expect(fixture).toMatch(/^version: 10108 \(0a50d99\w*\)$/m);
    expect(fixture).toContain("----- common params -----");
    expect(options.size).toBeGreaterThan(150);
  });

  it("knows which options take values", () => {
    expect(options.get("-fa")).toEqual({ names: ["-fa", "--flash-attn"], values: ["[on|off|auto]"] });
    expect(options.get("-hf")?.values).toHaveLength(1);
    expect(options.get("-np")?.values).toEqual(["N"]);
    expect(options.get("--port")?.values).toHaveLength(1);
    expect(options.get("--api-key")?.values).toHaveLength(1);
    expect(options.get("--no-mmap")?.values).toEqual([]);
  });

  it("catches the command the issue reported, and other mistakes", () => {
    const old = shellWords("-fa -c 8192 -np 2 -m gemma-2-2b-it-Q4_K_M.gguf --port 8080");
    expect(check(old)).toEqual(["-fa needs a value ([on|off|auto]), got -c"]);
    expect(check(["-fa"])).toEqual(["-fa needs a value ([on|off|auto]), got nothing"]);
    expect(check(["-fa", "yes"])).toEqual(["-fa takes one of on|off|auto, got yes"]);
    expect(check(["-np", "two"])).toEqual(["-np takes a whole number, got two"]);
    expect(check(["--flash"])).toEqual(["--flash is not a llama-server option"]);
    expect(check(["model.gguf"])).toEqual([
      '"model.gguf" is not an option (llama-server takes no positional arguments)',
    ]);
    expect(check(shellWords("-fa on -c 8192 -np 2 -hf bartowski/gemma-2-2b-it-GGUF:Q4_K_M"))).toEqual([]);
  });
});

describe("commands Gloss prints", () => {
  it("README: every llama-server command is valid", () => {
    const commands = markdownCode(readme).flatMap(llamaServerCommands);
    expect(commands.length).toBeGreaterThanOrEqual(5);
    // The set-up path: download-and-serve, the Docker image, and a GGUF already on disk.
    expect(commands).toContainEqual(["-hf", "bartowski/gemma-2-2b-it-GGUF:Q4_K_M"]);
    expect(commands).toContainEqual([
      "-hf",
      "bartowski/gemma-2-2b-it-GGUF:Q4_K_M",
      "--host",
      "0.0.0.0",
      "--port",
      "8080",
    ]);
    expect(commands).toContainEqual(["-m", "gemma-2-2b-it-Q4_K_M.gguf"]);
    for (const command of commands) expect({ command, problems: check(command) }).toEqual({ command, problems: [] });
  });

  it("options page and connection errors: the shared commands are valid, and no other is hard-coded", () => {
    expect(llamaServerCommands(serverCommands.LLAMA_SERVER_COMMAND)).toEqual([
      ["-hf", "bartowski/gemma-2-2b-it-GGUF:Q4_K_M"],
    ]);
    // What users see: strings and markup, not the code's own comments.
    const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const inSource = sourceFiles(join(root, "src")).flatMap((file) =>
      llamaServerCommands(withoutComments(readFileSync(file, "utf8"))).map((command) => ({ file, command })),
    );
    expect(inSource.map(({ file }) => file.slice(root.length + 1))).toEqual(
      expect.arrayContaining(["src/llm/errors.ts", "src/shared/server-commands.ts"]),
    );
    for (const { file, command } of inSource)
      expect({ file, command, problems: check(command) }).toEqual({ file, command, problems: [] });
  });

  it("README shows the same Ollama and LM Studio commands as the options page", () => {
    const code = markdownCode(readme);
    expect(code).toContain(serverCommands.OLLAMA_COMMAND);
    expect(code).toContain(serverCommands.OLLAMA_COMMAND_POWERSHELL);
    expect(code).toContain(serverCommands.LM_STUDIO_COMMAND);
    // The systemd override the README spells out, with the same origins as the Linux steps in the errors.
    expect(code).toContain("sudo systemctl edit ollama.service");
    expect(code).toContain(`Environment="OLLAMA_ORIGINS=${serverCommands.OLLAMA_ORIGINS}"`);
    expect(serverCommands.OLLAMA_SYSTEMD_STEPS).toContain(
      `Environment="OLLAMA_ORIGINS=${serverCommands.OLLAMA_ORIGINS}"`,
    );
    // The same last step in both (systemctl edit reloads systemd itself): one restart, nothing else to run.
    expect(serverCommands.OLLAMA_SYSTEMD_STEPS).toMatch(/, then sudo systemctl restart ollama$/);
    expect(code).toContain("sudo systemctl restart ollama");
  });
});

describe("the context-overflow fix for llama-server", () => {
  const fix = errors.contextOverflow({ preset: "llama-server", baseUrl: "http://127.0.0.1:8080" }).fix ?? "";

  it("says what the default does: 4 slots share -c (kv_unified), not -c divided by 4", () => {
    expect(fix).toMatch(/Without -np, llama-server's 4 slots share the context/);
    expect(fix).toMatch(/with -np, each slot gets -c divided by -np/);
  });

  it("starts the same model as the set-up command, with fewer slots and a larger context", () => {
    expect(fix).toContain(`${serverCommands.LLAMA_SERVER_COMMAND} -np 2 -c 16384`);
  });
});
