/**
 * A message typed all in katakana (old terminals, ﾃﾚﾜｰｸﾖｳﾉ ﾉｰﾄﾊﾟｿｺﾝｦ …) is read with its grammar in
 * hiragana too, so that patterns written in ordinary script match: the katakana text, a space, then the
 * hiragana reading (words that are katakana by nature still match in the first half).
 */
export function readingOf(text: string): string {
  let kata = 0;
  let hira = 0;
  for (const ch of text) {
    if (ch >= '\u30a1' && ch <= '\u30f6') kata++;
    else if (ch >= '\u3041' && ch <= '\u3096') hira++;
  }
  if (kata < 8 || hira > kata / 10) return text;
  return `${text} ${text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))}`;
}
