/** How a term occurs in a text: what follows each occurrence, and which of several found terms are parts of others. */

/** Whether `term` occurs in `text` and every occurrence is followed by `after` (a pattern anchored with ^). */
export function followedEverywhereBy(text: string, term: string, after: RegExp): boolean {
  let at = text.indexOf(term);
  if (at < 0) return false;
  for (; at >= 0; at = text.indexOf(term, at + term.length)) if (!after.test(text.slice(at + term.length))) return false;
  return true;
}

/** The words not contained in another of them: パソコン inside ノートパソコン, 在宅 inside 在宅勤務 is part of that one. */
export function withoutContained(words: string[]): string[] {
  return words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
}
