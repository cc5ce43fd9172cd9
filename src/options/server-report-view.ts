// What the options page shows for a connection test: the error with its fix and the server's own words, or what the
// server told about itself and how the sample translation went.
import type { ServerReport } from "../shared/messages";
import { saidHere } from "./said-here";

/** The server's own words behind an error (e.g. its HTTP 500 message), folded away under "Details". */
function detailsOf(doc: Document, detail: string): HTMLElement {
  const details = doc.createElement("details");
  const summary = doc.createElement("summary");
  summary.textContent = "Details";
  const text = doc.createElement("pre");
  text.className = "detail";
  text.textContent = detail;
  details.append(summary, text);
  return details;
}

function paragraph(doc: Document, text: string): HTMLElement {
  const p = doc.createElement("p");
  p.textContent = text;
  return p;
}

/** A failed connection: what went wrong, how to fix it, and the server's words. */
function describeFailure(doc: Document, error: NonNullable<ServerReport["error"]>): HTMLElement[] {
  const heading = doc.createElement("h3");
  heading.textContent = error.message;
  const nodes: HTMLElement[] = [heading];
  if (error.fix) nodes.push(paragraph(doc, saidHere(error.fix)));
  if (error.detail) nodes.push(detailsOf(doc, error.detail));
  return nodes;
}

/** The server's facts and the sample translation, as a definition list; empty values are left out. */
function factsOf(doc: Document, report: ServerReport): HTMLElement {
  const list = doc.createElement("dl");
  const row = (term: string, value: string | number | undefined) => {
    if (value === undefined || value === "") return;
    const dt = doc.createElement("dt");
    dt.textContent = term;
    const dd = doc.createElement("dd");
    dd.textContent = String(value);
    list.append(dt, dd);
  };
  row("Server", report.kind);
  row("Model", report.model);
  row("Context size", report.contextSize !== undefined ? `${report.contextSize} tokens` : undefined);
  row("Slots", report.slots);
  row("Latency", report.latencyMs !== undefined ? `${report.latencyMs} ms` : undefined);
  const sample = report.sample;
  if (sample) {
    row("Sample", sample.source);
    row("Translation", sample.translation ?? sample.error?.message);
    row("Took", sample.durationMs !== undefined ? `${(sample.durationMs / 1000).toFixed(1)} s` : undefined);
    row("Speed", sample.tokensPerSecond !== undefined ? `${sample.tokensPerSecond} tokens/s` : undefined);
  }
  return list;
}

export function describeServerReport(doc: Document, report: ServerReport): HTMLElement[] {
  if (!report.ok && report.error) return describeFailure(doc, report.error);
  const heading = doc.createElement("h3");
  heading.textContent = report.ok ? "Connected." : "Connected, but the sample translation failed.";
  const nodes: HTMLElement[] = [heading, factsOf(doc, report)];
  const sampleError = report.sample?.error;
  if (sampleError?.fix) nodes.push(paragraph(doc, saidHere(sampleError.fix)));
  if (sampleError?.detail) nodes.push(detailsOf(doc, sampleError.detail));
  return nodes;
}
