// Bytes → SSE `data` payloads. A streaming TextDecoder handles UTF-8 characters split across network chunks;
// eventsource-parser handles events split anywhere, CRLF/LF, multi-line data and `:` ping comments (ignored).
import { createParser } from "eventsource-parser";

export interface SseDecoder {
  /** Feeds raw bytes (any split). */
  push(bytes: Uint8Array): void;
  /** Flushes the UTF-8 decoder. An event without its closing blank line (a cut stream) is not delivered. */
  end(): void;
}

export function createSseDecoder(onData: (data: string) => void): SseDecoder {
  const decoder = new TextDecoder("utf-8");
  const parser = createParser({
    onEvent: (event) => onData(event.data),
    // Older llama-server builds (2024) wrote a stream's error as an `error:` field, the envelope's inside alone:
    // passed on as the error event it stands for. Other unknown fields are dropped, as SSE says.
    onError: (e) => e.type === "unknown-field" && e.field === "error" && onData(`{"error":${e.value}}`),
  });
  return {
    push(bytes) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) parser.feed(text);
    },
    end() {
      const rest = decoder.decode();
      if (rest) parser.feed(rest);
    },
  };
}
