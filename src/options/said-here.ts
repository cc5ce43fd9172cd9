// A fix written to be read anywhere ("…or check the address on the options page") as the options page says it: the
// reader is already there, with the server's fields above the test's result and Advanced further down.

export function saidHere(fix: string): string {
  return fix
    .replace(/\bunder Advanced on the options page\b/g, "under Advanced, further down")
    .replace(/\bon (?:Gloss's|the) options page\b/g, "above");
}
