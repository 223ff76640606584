/**
 * Broadcast mentions must never be echoed: they would notify a whole channel or team.
 * Slack's special mentions (<!channel>, <!here>, <!everyone>, <!subteam^…>) are removed, and
 * the plain-text forms (@channel, @here, @everyone) get a zero-width space so no client expands them.
 */
const SLACK_SPECIAL = /<!(?:channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|[^>]*)?>/gi;
const PLAIN = /@(channel|here|everyone)\b/gi;

export function neutralizeBroadcastMentions(text: string): string {
  // Removing one mention can join the pieces of another (<!<!here>here>): repeat until none is left.
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(SLACK_SPECIAL, '');
  }
  return out.replace(PLAIN, '@\u200b$1');
}

/** Remove user mentions (Slack <@U123>, Teams <at>…</at>) that only address the bot. */
export function stripUserMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').replace(/<at>[^<]*<\/at>/gi, ' ');
}

/** A neutralised plain mention (@\u200beveryone), or @all: who to notify, never part of a question. */
const NEUTRALISED = /@\u200b?(channel|here|everyone|all)\b/gi;

/** The (neutralised) text without broadcast mentions, for searching: they name an audience, not a topic. */
export function withoutBroadcastMentions(text: string): string {
  return text.replace(NEUTRALISED, ' ');
}

/** True when the text still contains something that would notify many people. */
export const hasBroadcastMention = (text: string): boolean => {
  SLACK_SPECIAL.lastIndex = 0;
  PLAIN.lastIndex = 0;
  return SLACK_SPECIAL.test(text) || PLAIN.test(text);
};
