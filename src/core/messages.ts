import type { Lang } from './answer.js';
import type { Office } from './office.js';
import type { OwnCaseKind } from '../routing/own-case.js';
import type { Referral } from '../knowledge/schema.js';

const OWN_CASE_JA: Record<OwnCaseKind, string> = {
  decision: 'ご自身の団体でどうすべきかの判断',
  permission: 'ご自身の団体の場合に認められるかどうか',
  amount: 'ご自身の団体の場合の金額',
  assessment: 'ご自身の団体の設定や文書が適切かどうかの確認',
  conflict: '職場での個別の状況(上司等との調整)',
  injury: 'けがや事故の個別の扱い(公務災害に当たるかどうか等)',
  pay: 'ご自身の給与や手当の扱い',
  situation: 'ご自身の状況への対応',
};
const OWN_CASE_EN: Record<OwnCaseKind, string> = {
  decision: 'What your organisation should do',
  permission: 'Whether it is allowed in your case',
  amount: 'The amount in your case',
  assessment: 'Whether your own set-up or document is right',
  conflict: 'A situation at your workplace (such as a superior\'s decision)',
  injury: 'How an injury or accident is treated (whether it is a work accident)',
  pay: 'How your own pay or allowances are treated',
  situation: 'What to do in your situation',
};

/** Fixed user-facing texts, Japanese (polite) and English. */
const waitJa = (s: number): string => (s < 60 ? `${s}秒` : s < 3600 ? `約${Math.ceil(s / 60)}分` : `約${Math.ceil(s / 3600)}時間`);
const waitEn = (s: number): string => (s < 60 ? `${s} seconds` : s < 3600 ? `about ${Math.ceil(s / 60)} minutes` : `about ${Math.ceil(s / 3600)} hours`);

export const MESSAGES = {
  empty: { ja: '質問が空です。テレワークについて知りたいことを入力してください。', en: 'The question is empty. Please type what you would like to know about telework.' },
  tooLong: {
    ja: (max: number) => `質問が長すぎます(${max.toLocaleString('ja-JP')}文字以内で入力してください)。`,
    en: (max: number) => `The question is too long (please keep it within ${max.toLocaleString('en-US')} characters).`,
  },
  outOfScope: {
    ja: '申し訳ありませんが、このボットは地方公共団体のテレワークに関するご質問にお答えしています。そのご質問にはお答えできません。',
    en: 'Sorry, this bot answers questions about telework in local governments, so it cannot help with that question.',
  },
  privateSector: {
    ja: 'このボットは地方公共団体の職員向けテレワークに関するご質問にお答えしています。特別交付税措置などここで扱う支援策は地方公共団体向けのもので、民間企業は対象ではありません。企業のテレワーク導入の相談は、厚生労働省と連携したテレワーク相談センターなどをご利用ください。',
    en: 'This bot answers questions about telework for local-government staff. The schemes it covers, such as the special allocation tax, are for local governments, not private companies. For a company, the telework consultation centre run with the Ministry of Health, Labour and Welfare can help.',
  },
  noKnowledge: {
    ja: '申し訳ありませんが、このご質問に答えられる情報が手元の資料にありません。',
    en: 'Sorry, the documents I have do not cover this question.',
  },
  offerEscalation: {
    ja: (o: Office) => `担当窓口(${o.shortName})へのお問い合わせをご提案します。「担当窓口に問い合わせる」から依頼できます。`,
    en: (o: Office) => `I suggest asking the responsible office (${o.shortName}). Use "Ask the office" to send your question.`,
  },
  judgement: {
    ja: 'ご質問は個別の判断が必要な内容のため、資料だけではお答えできません。',
    en: 'Your question needs a judgement that the documents alone cannot give.',
  },
  /** Heads the short general answer given before an own-case question goes to the office. */
  generalRule: { ja: '一般的な内容としては、資料に次のとおりあります。', en: 'In general, the Japanese sources say:' },
  /** Why an own-case question goes to the office, by what it asks (src/routing/own-case.ts). */
  ownCase: {
    ja: (kind: OwnCaseKind) => `${OWN_CASE_JA[kind]}は、団体やご本人の個別の事情によるため、資料だけではお答えできません。担当窓口で確認してください。`,
    en: (kind: OwnCaseKind) => `${OWN_CASE_EN[kind]} depends on your organisation's and your own circumstances, which the documents cannot settle; the responsible office should confirm it.`,
  },
  incident: {
    ja: '端末の紛失や情報漏えいなどのインシデントは、まず団体の情報セキュリティポリシーに定める手順に従い、速やかに情報セキュリティ担当(CISO等)へ報告してください。',
    en: 'For an incident such as a lost device or a leak, first follow your organisation\'s security policy and report it to your information security officer at once.',
  },
  privateData: {
    ja: '個人の住所や私的な連絡先などの個人情報はお答えできません。お問い合わせは各担当窓口の公開されている連絡先をご利用ください。',
    en: 'I cannot give anyone\'s personal details. Please use the offices\' published contacts.',
  },
  injection: {
    ja: 'このボットの設定や指示を変更・表示することはできません。テレワークに関するご質問にお答えします。',
    en: 'I cannot change or show my instructions. I can answer questions about telework.',
  },
  greeting: {
    ja: 'こんにちは。テレワーク相談ボットです。地方公共団体のテレワーク(導入状況、支援策、特別交付税、手引き、情報セキュリティ、問い合わせ先など)についてご質問ください。',
    en: 'Hello, I am the telework help bot. Ask me about telework in local governments (adoption, support schemes, special allocation tax, the handbook, information security, contacts).',
  },
  englishLead: { ja: '', en: 'From the Japanese sources: ' },
  /** After a citation or source line whose facts come from a secondary source. */
  secondaryMark: { ja: '（二次資料）', en: ' (secondary source)' },
  /** The same mark inside a source line's parenthesised extras. */
  secondaryLabel: { ja: '二次資料', en: 'secondary source' },
  /** Where the full document is, when the passages point to it or the person asked for it. */
  documentLink: {
    ja: (title: string, url: string) => `詳しくは「${title}」をご覧ください: ${url}`,
    en: (title: string, url: string) => `The full document "${title}": ${url}`,
  },
  /** A referral service's address (not an escalation target): name, phone, e-mail, hours, page. */
  referralLine: {
    ja: (r: Referral) =>
      `${r.name}${r.phone ? ` 電話: ${r.phone}` : ''}${r.email ? ` メール: ${r.email}` : ''}${r.hours ? ` 受付: ${r.hours}` : ''}${r.url ? ` ${r.url}` : ''}`,
    en: (r: Referral) =>
      `${r.name}${r.phone ? ` phone: ${r.phone}` : ''}${r.email ? ` e-mail: ${r.email}` : ''}${r.hours ? ` hours: ${r.hours}` : ''}${r.url ? ` ${r.url}` : ''}`,
  },
  contactLine: {
    ja: (o: Office) => `${o.name}${o.email ? ` メール: ${o.email}` : ''}${o.phone ? ` 電話: ${o.phone}` : ''}`,
    en: (o: Office) => `${o.name}${o.email ? ` e-mail: ${o.email}` : ''}${o.phone ? ` phone: ${o.phone}` : ''}`,
  },
  actions: {
    resolved: { ja: '解決しました', en: 'Resolved' },
    escalate: { ja: '担当窓口に問い合わせる', en: 'Ask the office' },
    helpful: { ja: '役に立った', en: 'Helpful' },
    unhelpful: { ja: '役に立たなかった', en: 'Not helpful' },
  },
  escalationRecorded: {
    ja: (o: Office | null) =>
      `お問い合わせの依頼を受け付けました。${o ? `担当窓口(${o.shortName})` : '担当窓口'}への送付準備ができ次第、このスレッドでお知らせします。個人情報(電話番号・メールアドレス等)は送付前に削除されます。`,
    en: (o: Office | null) =>
      `Your request has been recorded. It will be passed to ${o ? o.shortName : 'the responsible office'}, and you will be told in this thread. Personal data (phone numbers, e-mail addresses) is removed before anything is sent.`,
  },
  /** Rate limits (429): how long to wait, in words. */
  rateLimited: {
    ja: (seconds: number) => `短時間に多くのリクエストがあったため、受付を一時停止しています。${waitJa(seconds)}後にもう一度お試しください。`,
    en: (seconds: number) => `Too many requests in a short time. Please try again in ${waitEn(seconds)}.`,
  },
  escalationLimit: {
    ja: (limit: number, seconds: number) =>
      `担当窓口へのお問い合わせは1日${limit}件までです。上限に達したため、${waitJa(seconds)}後にもう一度お試しください。同じご質問はすでに受け付けた問い合わせにまとめられます。`,
    en: (limit: number, seconds: number) => `You can send up to ${limit} requests a day to the offices. Please try again in ${waitEn(seconds)}. The same question again joins the request you already sent.`,
  },
  feedbackThanks: { ja: 'ご評価ありがとうございます。今後の改善に活用します。', en: 'Thank you for your feedback.' },
  resolvedThanks: { ja: '解決してよかったです。ほかにもご質問があればどうぞ。', en: 'Glad it helped. Ask me anything else about telework.' },
  alreadyRecorded: { ja: 'すでに受け付けています。', en: 'This has already been recorded.' },
  answerExpired: {
    ja: 'この回答の記録が見つかりません(期限切れの可能性があります)。お手数ですが、もう一度質問してください。',
    en: 'This answer is no longer on record (it may have expired). Please ask again.',
  },
  error: { ja: '申し訳ありません。処理中にエラーが発生しました。時間をおいて再度お試しください。', en: 'Sorry, something went wrong. Please try again later.' },
  /** Escalation tickets (src/tickets): what the asker and the offices see. */
  tickets: {
    created: {
      ja: (id: string, office: string) => `お問い合わせを受け付けました(問い合わせ番号: ${id})。担当窓口(${office})に送付します。回答が届きましたら、ここでお知らせします。`,
      en: (id: string, office: string) => `Your question has been sent on as ticket ${id} to ${office}. The answer will be posted here.`,
    },
    alreadyCreated: {
      ja: (id: string) => `このご質問はすでに受け付けています(問い合わせ番号: ${id})。`,
      en: (id: string) => `This question has already been sent on (ticket ${id}).`,
    },
    confirm: {
      ja: (office: string) => `次の内容を担当窓口(${office})に送付します。よろしければ「送信する」を押してください。個人情報は削除済みです。`,
      en: (office: string) => `The following will be sent to ${office}. Press "Send" to go ahead. Personal data has been removed.`,
    },
    send: { ja: '送信する', en: 'Send' },
    cancel: { ja: 'やめる', en: 'Cancel' },
    cancelled: { ja: '送信を取りやめました。', en: 'Nothing was sent.' },
    answer: {
      ja: (id: string, office: string, text: string) => `担当窓口(${office})から回答が届きました(問い合わせ番号: ${id})。\n\n${text}`,
      en: (id: string, office: string, text: string) => `${office} has answered ticket ${id}:\n\n${text}`,
    },
    followUp: {
      ja: (id: string, office: string, text: string) => `担当窓口(${office})から追加の回答が届きました(問い合わせ番号: ${id})。\n\n${text}`,
      en: (id: string, office: string, text: string) => `${office} has added to its answer to ticket ${id}:\n\n${text}`,
    },
    statusHeader: { ja: 'お問い合わせの状況です。', en: 'Your tickets:' },
    statusNone: { ja: '受け付けたお問い合わせはありません。', en: 'You have no tickets.' },
    statusLine: {
      ja: (id: string, status: string, office: string, at: string) => `・${id} ${status}(${office}、受付 ${at})`,
      en: (id: string, status: string, office: string, at: string) => `- ${id} ${status} (${office}, sent ${at})`,
    },
    status: {
      open: { ja: '受付済み(担当窓口へ送付準備中)', en: 'received (being sent to the office)' },
      notified: { ja: '担当窓口に送付済み(回答待ち)', en: 'with the office (awaiting an answer)' },
      answered: { ja: '回答あり', en: 'answered' },
      closed: { ja: '完了', en: 'closed' },
    },
    transferredFrom: {
      ja: (office: string, note: string) => `${office} から回送されました${note === '' ? '' : `。申し送り: ${note}`}`,
      en: (office: string, note: string) => `Handed over by ${office}${note === '' ? '' : `. Note: ${note}`}`,
    },
    officeNotice: {
      ja: (id: string, question: string, platform: 'slack' | 'teams' | 'lineworks' = 'slack') =>
        `新しいお問い合わせ ${id} が届きました。\n\n${question}\n\n回答は ${platform === 'teams' ? `このチャネルでボットに @メンションして \`answer ${id} 回答文\`` : platform === 'lineworks' ? `このトークルームでボットに @メンションして「answer ${id} 回答文」` : `\`/telework answer ${id} 回答文\``}、管理API POST /api/tickets/${id}/answer、または \`telework-bot ticket answer ${id} "回答文"\` でお送りください。`,
      en: (id: string, question: string, platform: 'slack' | 'teams' | 'lineworks' = 'slack') =>
        `New ticket ${id}:\n\n${question}\n\nAnswer with ${platform === 'teams' ? `an @mention of the bot in this channel: \`answer ${id} text\`` : platform === 'lineworks' ? `an @mention of the bot in this room: "answer ${id} text"` : `\`/telework answer ${id} text\``}, POST /api/tickets/${id}/answer, or \`telework-bot ticket answer ${id} "text"\`.`,
    },
  },
} as const;

export const pick = <T>(m: { ja: T; en: T }, lang: Lang): T => m[lang];
