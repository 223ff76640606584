/**
 * The pairs of adjacent characters (UTF-16 units) that occur in a text, for passages and sentences
 * matched against many question words: a word can occur only where each of its pairs does, and
 * asking the set is a binary search over a few hundred numbers instead of a scan of the text.
 * For any two-unit string `p`, `CharPairs.of(text).has(CharPairs.code(p, 0))` is exactly `text.includes(p)`.
 */
export class CharPairs {
  private constructor(private readonly codes: Uint32Array) {}

  /** One number per pair of UTF-16 units, at `i` and `i + 1` in `s` (fits an unsigned 32-bit integer). */
  static code(s: string, i: number): number {
    return s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);
  }

  static of(text: string): CharPairs {
    const all = new Uint32Array(Math.max(0, text.length - 1));
    for (let i = 0; i + 1 < text.length; i++) all[i] = CharPairs.code(text, i);
    all.sort();
    // Distinct codes only: a shorter array to search.
    let n = 0;
    for (let i = 0; i < all.length; i++) if (n === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
    return new CharPairs(all.slice(0, n));
  }

  has(code: number): boolean {
    const codes = this.codes;
    let lo = 0;
    let hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = codes[mid]!;
      if (c === code) return true;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
