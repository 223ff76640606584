import { hasAtMostChars } from './length.js';

/**
 * The part of a long message that asks: people write greetings and background first and
 * the question last (「お疲れさまです。…それで本題なのですが、…ですか」). Retrieval on the
 * whole message lets the background outweigh the question.
 */

/** Below this many characters a message is taken as a whole. */
const LONG_MESSAGE = 80;

const QUESTION_MARK = /([?？]|か[。.]?$|ですか|ますか|でしょうか|教えて|知りたい|ほしい|欲しい|ください|下さい|いただけ|頂け|ご教示|幸い|たい[。.]?$|けど[。.]?$|っけ)/;
/** Closings and greetings that look like requests but ask nothing. */
const CLOSING = /^(どうぞ|何卒|なにとぞ)?(よろしく|宜しく)(お願い|おねがい)?(申し上げます|いたします|致します|します|します|です)?[。.!！]*$|^(お疲れ(さま|様)です|お世話になっております|失礼します)[。.!！]*$/;
/** Everything after such a marker is the question. */
const TOPIC_MARKER = /(本題(なの)?です?が|本題ですが|質問(なの)?ですが|質問です[。、]|質問\s*[:：]|本題\s*[:：]|お聞きしたいのは|伺いたいのは|確認させてください[。、]?|(?<=[。、!！\s])(ついでに|それと|ところで)[、,]?)/;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?\n])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The asking sentences of a long message (the message itself when it is short or has none). */
export function focusOnQuestion(text: string): string {
  // An explicit 「本題ですが」 marks the question in a message of any length.
  const marker = TOPIC_MARKER.exec(text);
  if (marker && text.length - (marker.index + marker[0].length) >= 8) return text.slice(marker.index + marker[0].length).replace(/^[、,，\s]+/, '').trim();
  if (hasAtMostChars(text, LONG_MESSAGE)) return text;
  const asking = sentences(text).filter((s) => !CLOSING.test(s) && QUESTION_MARK.test(s));
  const focused = asking.join(' ');
  return focused.length >= 8 ? focused : text;
}
