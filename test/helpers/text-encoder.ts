// jsdom has no TextEncoder. Imported first by a DOM test whose code measures text with one (the userscript's saved
// translations), before that code is loaded.
import { TextEncoder } from "node:util";

globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;
