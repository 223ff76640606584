/**
 * A message typed all in katakana (old terminals, ﾃﾚﾜｰｸﾖｳﾉ ﾉｰﾄﾊﾟｿｺﾝｦ …) is read with its grammar in
 * hiragana too, so that patterns written in ordinary script match: the katakana text, a space, then the
 * hiragana reading (words that are katakana by nature still match in the first half).
 */
export function readingOf(input: string): string {
  const text = standardForms(input);
  let kata = 0;
  let hira = 0;
  for (const ch of text) {
    if (ch >= '\u30a1' && ch <= '\u30f6') kata++;
    else if (ch >= '\u3041' && ch <= '\u3096') hira++;
  }
  if (kata < 8 || hira > kata / 10) return text;
  return `${text} ${text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))}`;
}

/**
 * Regional and spoken forms of a few words the request and incident patterns are written on, in their
 * standard form: しもうた / しもた (しまった), 間違うて (間違って), おしえて / おせえて (教えて), なんぼ (いくら),
 * かけりゃ (かければ).
 */
const SPOKEN: [RegExp, string][] = [
  [/しも(う|ー)?た/g, 'しまった'],
  [/しも(う|ー)?て/g, 'しまって'],
  [/(間違|まちが)うて/g, '$1って'],
  [/お(しえ|せえ|せー|せぇ)て/g, '教えて'],
  [/なんぼ/g, 'いくら'],
  // 送ってまった (送ってしまった, 中部).
  [/(て|で)まった/g, '$1しまった'],
  // The spoken conditional: かけりゃ (かければ), すりゃ (すれば).
  [/([けせてねべめれえす])りゃ(?=[ぁ-んー、。?？!！\s]|$)/g, '$1れば'],
];

function standardForms(text: string): string {
  let t = text;
  for (const [from, to] of SPOKEN) t = t.replace(from, to);
  return t;
}
