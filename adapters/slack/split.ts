/** Slack's documented limits (Block Kit and chat.postMessage). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  contextElements: 10,
  blocksPerMessage: 50,
  messageText: 40_000,
  buttonText: 75,
} as const;

/** Sentences end at Japanese or Latin terminal punctuation (with closing brackets) or at a line break. */
const SENTENCE = /[^。．！？!?\n]*(?:[。．！？!?]+[」』）)\]]*|\n+|$)/gu;

/** Split into sentences, keeping each sentence's punctuation and line breaks. */
export function sentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).filter((s) => s !== '');
}

/**
 * Splits `text` into pieces whose measured length is at most `max`, cutting between sentences
 * where possible and inside a sentence (by code point, so no surrogate pair is broken) only
 * when one sentence alone is too long. `measure` lets callers count the escaped length.
 */
export function splitText(text: string, max: number, measure: (s: string) => number = (s) => s.length): string[] {
  if (max < 1) throw new RangeError('max must be at least 1');
  const pieces: string[] = [];
  let current = '';
  const flush = (): void => {
    const trimmed = current.trim();
    if (trimmed !== '') pieces.push(trimmed);
    current = '';
  };
  for (const sentence of sentences(text)) {
    if (measure(current + sentence) <= max) {
      current += sentence;
      continue;
    }
    flush();
    if (measure(sentence) <= max) {
      current = sentence;
      continue;
    }
    // One sentence longer than a whole piece: cut it by code points.
    for (const ch of sentence) {
      if (measure(current + ch) > max) flush();
      current += ch;
    }
  }
  flush();
  return pieces;
}

/** Groups items into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export { truncate } from '../../src/text/truncate.js';
