/**
 * True when the text has at most `max` characters as `[...text]` counts them (code points, a lone
 * surrogate as one), without building that array: most texts are decided by their UTF-16 length.
 */
export function hasAtMostChars(text: string, max: number): boolean {
  if (text.length <= max) return true;
  // A character is one or two UTF-16 units.
  if (text.length > 2 * max) return false;
  let chars = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    if (++chars > max) return false;
  }
  return true;
}
