// llama-server's argument syntax, read from its own `--help` output (a fixture transcribed from a named build), and
// a checker for command lines against it: unknown flags, a flag that needs a value and has none (the bare `-fa`
// that swallowed `-c`), values outside a listed choice, non-numbers where a number goes, stray words.

export interface LlamaOption {
  /** Every spelling: "-fa", "--flash-attn". */
  names: string[];
  /** Value placeholders from the help, e.g. ["[on|off|auto]"]; empty for a switch. */
  values: string[];
}

/**
 * Parses `llama-server --help`: an option line starts at column 0 with its spellings separated by ", ", then its
 * value placeholders, then at least two spaces (or a line break) before the help text.
 */
export function parseHelp(help: string): Map<string, LlamaOption> {
  const options = new Map<string, LlamaOption>();
  for (const line of help.split("\n")) {
    const match = /^((?:-[^\s,]+,\s+)*-[^\s,]+)((?: \S+)*?)(?: {2,}.*)?$/.exec(line);
    if (!match) continue;
    const names = match[1]!.split(/,\s+/);
    const values = match[2]!.trim() ? match[2]!.trim().split(" ") : [];
    const option = { names, values };
    for (const name of names) {
      // "--mmap, --no-mmap": the negative spelling of an option that takes a value would take none; none such is
      // printed with a value, but keep the switch reading for "--no-" spellings beside positive ones.
      const negative = name.startsWith("--no-") && names.some((other) => !other.startsWith("--no-"));
      options.set(name, negative ? { names, values: [] } : option);
    }
  }
  return options;
}

/** The listed choices of a placeholder like "[on|off|auto]" or "{none,linear,yarn}", if it is one. */
function choicesOf(placeholder: string): string[] | undefined {
  const match = /^[[{]([^\]}]+)[\]}]$/.exec(placeholder);
  if (!match || !/[|,]/.test(match[1]!)) return undefined;
  return match[1]!.split(/[|,]/);
}

const looksLikeFlag = (token: string) => /^--?[a-zA-Z]/.test(token);

/** Splits a shell command line into words (single and double quotes; no expansion). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]!);
  return words;
}

/** Problems with the arguments of one llama-server command line (the words after `llama-server`); [] when fine. */
export function checkArguments(args: string[], options: Map<string, LlamaOption>): string[] {
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (!looksLikeFlag(word)) {
      problems.push(`"${word}" is not an option (llama-server takes no positional arguments)`);
      continue;
    }
    const option = options.get(word);
    if (!option) {
      problems.push(`${word} is not a llama-server option`);
      continue;
    }
    for (const placeholder of option.values) {
      const value = args[i + 1];
      if (value === undefined || looksLikeFlag(value)) {
        problems.push(`${word} needs a value (${placeholder}), got ${value ?? "nothing"}`);
        break;
      }
      i++;
      const choices = choicesOf(placeholder);
      if (choices && !choices.includes(value)) problems.push(`${word} takes one of ${choices.join("|")}, got ${value}`);
      if (placeholder === "N" && !/^-?\d+$/.test(value)) problems.push(`${word} takes a whole number, got ${value}`);
    }
  }
  return problems;
}

/** The runs of text in Markdown that are code: fenced blocks (backslash continuations joined) and inline spans. */
export function markdownCode(markdown: string): string[] {
  const code: string[] = [];
  const withoutBlocks = markdown.replace(/^```[^\n]*\n([\s\S]*?)^```/gm, (_all, block: string) => {
    code.push(...block.replace(/\\\n\s*/g, " ").split("\n"));
    return "";
  });
  for (const match of withoutBlocks.matchAll(/`([^`\n]+)`/g)) code.push(match[1]!);
  return code;
}

/**
 * llama-server command lines in a piece of text: `llama-server` (or the Docker image that runs it) followed by at
 * least one option, up to the end of the command (a comment, or a word that ends a phrase: "8192," or "8080).").
 */
export function llamaServerCommands(text: string): string[][] {
  const commands: string[][] = [];
  const pattern =
    /(?:^|[\s(:`'"])(?:llama-server|ghcr\.io\/ggml-org\/llama\.cpp:server)((?: +-[^\s#]*(?: +[^\s#-][^\s#]*)*)+)/g;
  for (const match of text.matchAll(pattern)) {
    const words: string[] = [];
    for (const word of shellWords(match[1]!)) {
      const bare = word.replace(/[),.;:`'"]+$/, "");
      words.push(bare);
      if (bare !== word) break;
    }
    commands.push(words);
  }
  return commands;
}
