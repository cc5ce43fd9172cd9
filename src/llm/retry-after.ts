// How long a rate-limited server (HTTP 429) asked us to wait, from the headers remote APIs send: `retry-after-ms`
// (OpenAI, Azure), `Retry-After` in seconds or as an HTTP date (RFC 9110), OpenAI's `x-ratelimit-reset-requests` /
// `-tokens` durations ("1s", "6m0s", "20ms"). undefined when none says.

/** Go-style durations as OpenAI writes them: "1s", "6m0s", "1h2m3.5s", "20ms". */
function duration(value: string): number | undefined {
  const parts = [...value.trim().matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value.trim()) return undefined;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return parts.reduce((sum, [, n, u]) => sum + Number(n) * (unit[u as string] ?? 0), 0);
}

export function retryAfterMs(headers: Pick<Headers, "get">, now: number = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers.get("retry-after")?.trim();
  if (after) {
    if (/^\d+(\.\d+)?$/.test(after)) return Number(after) * 1000;
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  // The sooner of the two: if the limit that held the request back was the other one, the next 429 says so.
  const resets = ["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"]
    .map((name) => duration(headers.get(name) ?? ""))
    .filter((n): n is number => n !== undefined);
  return resets.length ? Math.min(...resets) : undefined;
}
