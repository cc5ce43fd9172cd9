// The server command lines Gloss prints for users (the options page's hints, connection errors). The README has the
// longer versions. test/unit/server-commands.test.ts checks every llama-server command in them against the real
// `llama-server --help` of a named build, so a flag that needs a value cannot go out without one.

/** Gemma-2-2B-it as a GGUF on Hugging Face, repository:quantisation for the -hf option (about 1.7 GB). */
export const GEMMA_GGUF = "bartowski/gemma-2-2b-it-GGUF:Q4_K_M";

/** Downloads the model on the first start, then serves it on http://127.0.0.1:8080 (Gloss's default). */
export const LLAMA_SERVER_COMMAND = `llama-server -hf ${GEMMA_GGUF}`;

/** Ollama rejects extension origins with an empty 403 unless they are listed. */
export const OLLAMA_ORIGINS = "chrome-extension://*,moz-extension://*";
export const OLLAMA_COMMAND = `OLLAMA_ORIGINS='${OLLAMA_ORIGINS}' ollama serve`;
/** The same in Windows PowerShell, where `VAR=value command` is not a thing. */
export const OLLAMA_COMMAND_POWERSHELL = `$env:OLLAMA_ORIGINS='${OLLAMA_ORIGINS}'; ollama serve`;
/** Linux: Ollama's install script runs it as the systemd service `ollama` (user ollama, models under
 * /usr/share/ollama). That service holds the port, and an `ollama serve` of one's own would not see its models, so
 * the variable goes into the service (Ollama's FAQ, "Setting environment variables on Linux"). */
export const OLLAMA_SYSTEMD_STEPS = `sudo systemctl edit ollama.service, add the lines [Service] and Environment="OLLAMA_ORIGINS=${OLLAMA_ORIGINS}", then sudo systemctl restart ollama`;

/** LM Studio's CLI: the server on port 1234 (without --port it takes the last one used) with CORS on, which browser
 * extensions need. */
export const LM_STUDIO_COMMAND = "lms server start --port 1234 --cors";
