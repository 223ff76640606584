/** Split Japanese (and English) text into sentences: after 。！？!? and at line breaks. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
