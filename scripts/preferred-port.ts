// `npm start` serves its demo pages on port 8000 unless told another (--port-pages): a default port that another
// program holds (a `python -m http.server`, another dev server) is no reason to stop, as the browser is opened on
// whatever port the pages got. A port the user chose is theirs to change.

const inUse = (error: unknown) => (error as { code?: unknown } | undefined)?.code === "EADDRINUSE";

/** `start(port)`, or `start(0)` (any free port) when the default `port` is taken and the user did not choose it. */
export async function onPreferredPort<T>(
  port: number,
  chosen: boolean,
  start: (port: number) => Promise<T>,
): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if (chosen || !inUse(error)) throw error;
    return start(0);
  }
}
