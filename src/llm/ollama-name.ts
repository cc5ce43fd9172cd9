/** Ollama's own spelling of a model name: case aside, and with the tag it assumes when none is given ("gemma3" is
 * "gemma3:latest", types/model/name.go). */
export const ollamaName = (name: string): string => (/:[^/]*$/.test(name) ? name : `${name}:latest`).toLowerCase();
