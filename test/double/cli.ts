// `npm run double -- [options]`: the llama-server test double as a standalone server, for demos, e2e runs and
// manual testing of the extension without a model. It is a double: it pseudo-translates, no model runs.
import { ALL_FAULTS } from "./faults";
import { BEHAVIOURS, PROFILES } from "./model-profile";
import { type DoubleOptions, startDouble } from "./server";

const HELP = `gloss-double — a llama-server test double (demo translator, no model)

Usage: npm run double -- [options]

  --port <n>              port to listen on (default 8080; 0 = any free port)
  --host <addr>           address to bind (default 127.0.0.1)
  --slots <n>             parallel slots, like llama-server -np (default 2)
  --ctx <n>               context size per slot in tokens (default 4096)
  --api-key <key>         require this key, like llama-server --api-key
  --loading-ms <n>        answer 503 "Loading model" for the first n ms (--ollama: "server busy" to requests)
  --fault <spec>          server-wide fault, e.g. "drop-segment;once" or "stall,chatter"
  --profile <spec>        model profile: good, small, hopeless; e.g. "small;seed=3;lose-tag=0.1"
  --prompt-tps <n>        simulated prompt processing speed, tokens/s (default 0 = instant)
  --gen-tps <n>           simulated generation speed per slot, tokens/s (default 0 = instant)
  --parallel-efficiency <0..1>  how well slots share the machine (default 0.5)
  --gemma                 count and stream tokens with Gemma's real tokenizer (a few seconds to load)
  --shared-compute        a prompt being processed holds every slot's generation back (like llama-server)
  --model <name>          model id to report (default "gloss-double (demo translator — no model)")
  --ollama                behave like Ollama: /v1 base, /api/tags, empty 403 for extension origins
  --ollama-origins <list> comma-separated origins to allow in --ollama mode (like OLLAMA_ORIGINS)
  --phrases <file>        phrase table (default test/fixtures/phrases.de-en.json, optional)
  --quiet                 do not log requests
  --help                  this text

Faults (per request: header "X-Gloss-Fault: name[;once|;times=N|;seg=N][, name…]"):
  ${ALL_FAULTS.join(", ")}

Model profiles (per request: header "X-Gloss-Profile: small[;seed=N][;behaviour=rate…]"): ${Object.keys(PROFILES).join(", ")}
  behaviours: ${BEHAVIOURS.join(", ")}

Control endpoints: GET /__double/stats, POST|DELETE /__double/fault, POST|DELETE /__double/profile,
POST /__double/loading {"ms":n},
POST /__double/reset.
`;

function parseArgs(argv: string[]): DoubleOptions & { help?: boolean } {
  const opts: DoubleOptions & { help?: boolean } = { port: 8080, verbose: true };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes("=") ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--help":
      case "-h":
        opts.help = true;
        break;
      case "--port":
        opts.port = num(flag, value());
        break;
      case "--host":
        opts.host = value();
        break;
      case "--slots":
        opts.slots = num(flag, value());
        break;
      case "--ctx":
        opts.ctx = num(flag, value());
        break;
      case "--api-key":
        opts.apiKey = value();
        break;
      case "--loading-ms":
        opts.loadingMs = num(flag, value());
        break;
      case "--fault":
        opts.fault = value();
        break;
      case "--profile":
        opts.profile = value();
        break;
      case "--prompt-tps":
        opts.promptTps = num(flag, value());
        break;
      case "--gen-tps":
        opts.genTps = num(flag, value());
        break;
      case "--parallel-efficiency":
        opts.parallelEfficiency = num(flag, value());
        break;
      case "--gemma":
        opts.tokenizer = "gemma";
        break;
      case "--shared-compute":
        opts.sharedCompute = true;
        break;
      case "--model":
        opts.model = value();
        break;
      case "--ollama":
        opts.mode = "ollama";
        break;
      case "--ollama-origins":
        opts.ollamaOrigins = (value() ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case "--phrases":
        opts.phrasesFile = value();
        break;
      case "--quiet":
        opts.verbose = false;
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(HELP);
    return;
  }
  const double = await startDouble(opts);
  const mode = opts.mode === "ollama" ? "Ollama-like" : "llama-server";
  const base = opts.mode === "ollama" ? `${double.url}/v1` : double.url;
  process.stdout.write(
    `gloss-double (demo translator — no model) listening on ${double.url}\n` +
      `  mode: ${mode}; base URL for Gloss: ${base}; slots: ${opts.slots ?? 2}; ctx/slot: ${opts.ctx ?? 4096}` +
      `${opts.apiKey ? "; API key required" : ""}${opts.fault ? `; fault: ${opts.fault}` : ""}${opts.profile ? `; model profile: ${opts.profile}` : ""}\n`,
  );
  const stop = (): void => {
    void double.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
