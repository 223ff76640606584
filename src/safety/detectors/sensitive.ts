import { execAll, type Span } from './span.js';

/**
 * 要配慮個人情報 tied to a person: health, disability, pregnancy, family situations, beliefs,
 * criminal records. A term is removed only in a sentence that also names someone (a name was
 * found there) or speaks of a particular person (私, 妻, 部下 …) for the clearly private terms;
 * on their own these words are the topic of a question (介護のためのテレワーク) and stay.
 */

// Diagnoses and situations that are private whoever they are about.
const PRIVATE_TERMS =
  'うつ病|鬱病|うつ状態|抑うつ|適応障害|統合失調症|双極性障害|パニック障害|発達障害|ADHD|自閉症|精神疾患|精神障害|メンタル不調|不眠症|癌|白血病|[胃肺乳大腸]がん|がん(?![ばばっ張])|糖尿病|心臓病|脳梗塞|難病|持病|HIV|エイズ|肝炎|てんかん|認知症|妊娠中|妊娠|流産|死産|不妊治療|不妊|つわり|障害者手帳|療育手帳|精神障害者保健福祉手帳|身体障害|知的障害|人工透析|透析|離婚調停|離婚|別居|DV|ドメスティック・バイオレンス|虐待|生活保護|自己破産|破産|借金|前科|犯罪歴|逮捕|服役|宗教|信仰|創価|性的指向|LGBT|同性愛|性同一性障害|トランスジェンダー|被差別部落|部落出身|病歴|既往歴|診断書|服薬|休職中|病気休暇|病休';
// Words that are private only when someone is named in the same sentence.
const TOPIC_TERMS = '介護|育児|通院|入院|手術|治療|療養|休職|病気|疾患|障害|障がい|出産|産休|育休|ひとり親|母子家庭|父子家庭|感染|陽性|コロナ|持病|カウンセリング';
// A particular person (the asker or someone near them).
const PERSON_WORDS = /(?:私|わたし|僕|自分|本人|妻|夫|嫁|主人|息子|娘|子供|子ども|母|父|両親|義母|義父|祖母|祖父|兄|姉|弟|妹|家族|部下|同僚|上司|職員の一人|ある職員|当該職員|その職員|彼|彼女)/u;

const PRIVATE_RE = new RegExp(`(?:${PRIVATE_TERMS})`, 'dgu');
const TOPIC_RE = new RegExp(`(?:${TOPIC_TERMS})`, 'dgu');

/** Sensitive terms in sentences that name someone (`named` are the name spans already found). */
export function sensitiveSpans(text: string, named: Span[]): Span[] {
  const out: Span[] = [];
  // Names in order of their start, walked with one pointer: linear over sentences and names.
  const starts = named.filter((n) => n.kind === 'name').map((n) => n.start).sort((a, b) => a - b);
  let k = 0;
  const sentences = execAll(/[^。！？!?\n]+[。！？!?\n]?/gu, text);
  for (const s of sentences) {
    const from = s.index;
    const to = from + s[0].length;
    while (k < starts.length && starts[k]! < from) k++;
    const hasName = k < starts.length && starts[k]! < to;
    const aboutSomeone = hasName || PERSON_WORDS.test(s[0]);
    if (!aboutSomeone) continue;
    for (const m of execAll(PRIVATE_RE, s[0])) out.push({ start: from + m.index, end: from + m.index + m[0].length, kind: 'sensitive' });
    if (hasName) for (const m of execAll(TOPIC_RE, s[0])) out.push({ start: from + m.index, end: from + m.index + m[0].length, kind: 'sensitive' });
  }
  return out;
}
