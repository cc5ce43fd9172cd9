// Rejections nobody handled, as a test sees them: each one would be an entry in the extension's error list or the
// userscript manager's console.

/** Collects unhandled rejections until the returned function is called (after the event loop has turned). */
export function watchUnhandled(): () => Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", listener);
  return async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", listener);
    return seen;
  };
}
