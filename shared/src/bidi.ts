/**
 * Explicit direction controls: embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
 * Customer and agent text may carry them to spoof what is shown ("invoice‮fdp.exe" shows as
 * "invoiceexe.pdf"). They are kept as stored and removed on display; the element showing the text
 * gets `dir="auto"`, so right-to-left languages still read the right way (docs/reliability.md).
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text as shown: direction overrides and isolates removed, everything else unchanged. */
export function displayText(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '');
}
