import { hasAtMostChars } from './length.js';

/**
 * The part of a long message that asks: people write greetings and background first and
 * the question last (「お疲れさまです。…それで本題なのですが、…ですか」). Retrieval on the
 * whole message lets the background outweigh the question.
 */

/** Below this many characters a message is taken as a whole. */
const LONG_MESSAGE = 80;

const QUESTION_MARK = /([?？]|か[。.]?$|ですか|ますか|でしょうか|教えて|知りたい|ほしい|欲しい|ください|下さい|いただけ|頂け|ご教示|幸い|たい(です|んです|のです)?[。.]?$|けど[。.]?$|っけ|(でしょう|かな|かしら|のかね)[。.…]*$)/;
/** Closings and greetings that look like requests but ask nothing. */
const CLOSING = /^(どうぞ|何卒|なにとぞ)?(よろしく|宜しく)(お願い|おねがい)?(申し上げます|いたします|致します|します|します|です)?[。.!！]*$|^(お疲れ(さま|様)です|お世話になっております|失礼します)[。.!！]*$/;
/** Everything after such a marker is the question. */
const TOPIC_MARKER = /(本題(なの|なん)?です?が|本題ですが|質問(なの)?ですが|質問です[。、]|質問\s*[:：]|本題\s*[:：]|お聞きしたいのは|伺いたいのは|確認させてください[。、]?|(?<=[。、!！\s])(ついでに|それと|ところで)[、,]?)/;

/**
 * English asks with a question mark, a question word or auxiliary first, or a request form
 * (I'd like to know, please confirm, could you, whether …); a statement of background does not.
 */
const EN_ASKING =
  /\?|^(what|how|when|where|who|whom|whose|which|why|is|are|was|were|do|does|did|can|could|would|will|should|shall|may|has|have|had)\b|^(give|tell|show|list|name|state|cite|quote|explain|describe|summari[sz]e|confirm|provide|send)\b|\b(i'?d like to know|i would like to know|i (want|need|wanted) to (know|check|confirm|find out)|(please|pls|kindly) (tell|let|confirm|advise|explain|send|give|list|share|clarify|check)|tell me|let me know|wonder(ing)? (if|whether|what|how|when|who|which)|whether|looking for (the|a|an|information|info|details)|need (the|to know|to find|details|info)|asked me (to|whether|if|what|how|when|who|which)|could you|can you|would you)\b/i;
/** English closings and greetings that ask nothing. */
const EN_CLOSING = /^(many )?(thanks|thank you|thx|cheers|regards|best regards|kind regards|best|hi|hello|hey|dear( sir| madam| sir or madam| sir\/madam| all| team| [a-z]+)?|good (morning|afternoon|evening))( (so much|in advance|a lot|all|there|team))?[.!,]*$/i;
/** A sentence end in English: . ! ? before a space and a new sentence (not e.g., No. 31, 0.5, Dec. 27). */
const EN_SENTENCE_END = /(?<![.\s](?:e\.g|i\.e|no|nos|vs|etc|approx|dec|nov|oct|sep|sept|aug|jul|jun|apr|mar|feb|jan|art|fig|mr|ms|dr|st))(?<=[a-z0-9)"'%][.!?])\s+(?=[A-Za-z"'(])/gi;

/** Words that point back to something said before the question (that, it, ours, like ours). */
const EN_REFERS_BACK = /\b(that|this|it|its|those|these|them|they|their|ones|ours|such|there|the same|the above)\b/i;
/** A Japanese question opening with a word that points back (それって, そういう, その件). */
const JA_REFERS_BACK = /^(それ|その|そういう|そういった|そんな|これ|この|こういう|こういった|あれ|あの|そこ|そちら)/;
/** An English question shorter than this (Which model, and when?) names too little to be searched alone. */
const EN_SELF_CONTAINED = 50;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?\n])/)
    .flatMap((s) => s.split(EN_SENTENCE_END))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const isEnglish = (s: string): boolean => {
  const latin = s.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > 0 && latin >= 3 * (s.match(/[\u3040-\u30ff\u3400-\u9fff]/g)?.length ?? 0);
};

const asks = (s: string): boolean => (isEnglish(s) ? !EN_CLOSING.test(s) && EN_ASKING.test(s) : !CLOSING.test(s) && QUESTION_MARK.test(s));

/** A sentence after the question that only says why it is asked (…資料に載せたいので。). */
const TRAILING_REASON = /(ので|から|ため|ためです|んです|んで|のです)[。.!！…]*$/;

/** A short message without a reason given after its question: that sentence names no topic. */
function withoutTrailingReason(text: string): string {
  const all = sentences(text);
  if (all.length < 2) return text;
  const last = all[all.length - 1]!;
  const before = all.slice(0, -1).join(' ');
  return TRAILING_REASON.test(last) && !asks(last) && /[?？]\s*$/.test(all[all.length - 2]!) && before.length >= 8 ? before : text;
}

/**
 * The sentences that ask, in a message of any length (the message itself when none asks): what decides
 * a question's subject, where background about other work may name other subjects.
 */
export function askingSentences(text: string): string {
  const asking = sentences(text).filter(asks);
  const joined = asking.join(' ');
  return joined.length >= 8 ? joined : text;
}

/** 「…どう触れてるのか、それだけ教えて」: the clause before it is the whole question (with the noun in その率). */
const ONLY_THAT = /(?:^|[。、,！!？?\s])([^。、,！!？?]{6,}?)[、,]\s*(?:それ|そこ|その([^。、,\s]{1,4}?))だけ(?:を)?(?:分かれば|わかれば|知れれば|教えて|教えてもらえれば|知りたい|確認できれば)[^。、]*[。.!！]*$/;

/** The asking sentences of a long message (the message itself when it is short or has none). */
export function focusOnQuestion(text: string): string {
  const only = ONLY_THAT.exec(text);
  if (only) return `${only[1]!.replace(/^(要は|要するに)[、,]?/, '')}${only[2] ? ` ${only[2]}` : ''}`.trim();
  // An explicit 「本題ですが」 marks the question in a message of any length.
  const marker = TOPIC_MARKER.exec(text);
  if (marker && text.length - (marker.index + marker[0].length) >= 8) return text.slice(marker.index + marker[0].length).replace(/^[、,，\s]+/, '').trim();
  if (hasAtMostChars(text, LONG_MESSAGE)) return withoutTrailingReason(text);
  const all = sentences(text);
  const asking = all.filter(asks);
  // 「…手引きだけは読んどいて、と言われました。それっていつ出たもの?」: a question that opens by pointing back
  // names its subject in the sentence before.
  const first = all.indexOf(asking[0]!);
  if (first > 0 && !isEnglish(asking[0]!) && JA_REFERS_BACK.test(asking[0]!)) asking.unshift(all[first - 1]!);
  const focused = asking.join(' ');
  // English often states the topic first and asks after it (… published a manual. When was that?):
  // a short or referring first question needs what came before; only greetings go.
  if (asking.length > 0 && isEnglish(asking[0]!) && (focused.length < EN_SELF_CONTAINED || EN_REFERS_BACK.test(asking[0]!))) {
    return all.filter((s) => !EN_CLOSING.test(s)).join(' ');
  }
  return focused.length >= 8 ? focused : text;
}
