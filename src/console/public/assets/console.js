// The console: one page, hash routes, everything through the /api routes with the session
// cookie and the CSRF token. All text goes in with textContent (no HTML from data).
const view = document.getElementById('view');
const toast = document.getElementById('toast');
let me = null;

// ---------- helpers ----------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = me.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = '/admin/sign-in';
    throw new Error('サインインが必要です');
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error((data && (data.message || data.error)) || `エラー (${res.status})`);
  return data;
}

function say(text) {
  toast.textContent = '';
  // A fresh text node so screen readers announce it even when it repeats.
  setTimeout(() => { toast.textContent = text; }, 30);
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { toast.textContent = ''; }, 6000);
}

const JST = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const jst = (iso) => (iso ? `${JST.format(new Date(iso))}` : '');
const jstDay = (d) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(d);
const has = (...roles) => me.user.roles.includes('admin') || roles.some((r) => me.user.roles.includes(r));
const officeName = (id) => me.offices.find((o) => o.id === id)?.name ?? id;

const STATUS = { open: '未送付', notified: '受付済み', answered: '回答済み(送付中)', closed: '完了' };
const EVENT = {
  created: '作成', delivered: '窓口へ送付', 'delivery-failed': '送付失敗', 'delivery-requeued': '再送', notified: '窓口に通知',
  answered: '回答', 'answer-delivered': '質問者へ回答を送付', 'answer-delivery-failed': '回答の送付失敗', closed: '完了', transferred: '回送',
};
const KIND = { outOfScope: '回答できず', lowConfidence: '低い確信度', unhelpful: '役に立たなかった', escalated: '問い合わせ' };

function heading(text) {
  return el('h1', { text });
}

function field(id, label, input) {
  input.id = id;
  return el('div', {}, el('label', { for: id, text: label }), input);
}

function select(options, value) {
  const s = el('select');
  for (const [v, label] of options) s.append(el('option', { value: v, text: label, selected: v === value }));
  return s;
}

// ---------- pages ----------
// Each page: id (the hash), label, the roles that see it (admin sees all), and render(args).
// A new page (e.g. FAQ entries) is one more entry here.
const PAGES = [
  { id: 'inbox', label: '受信箱', roles: ['office'], render: renderInbox },
  { id: 'review', label: 'レビュー', roles: ['curator'], render: renderReview },
  { id: 'faq', label: 'FAQ', roles: ['curator'], render: renderFaq },
  { id: 'reminders', label: 'リマインダー', roles: ['hr'], render: renderReminders },
  { id: 'audit', label: '監査ログ', roles: [], render: renderAudit },
];
const ROUTES = {
  ticket: { page: 'inbox', render: renderTicket },
  'faq-new': { page: 'faq', render: () => renderFaqForm(null) },
  'faq-edit': { page: 'faq', render: (id) => renderFaqForm(id) },
};

const inboxState = { status: '', office: '', since: '', text: '' };

async function renderInbox() {
  const status = select([['', 'すべて'], ...Object.entries(STATUS)], inboxState.status);
  const offices = me.user.roles.includes('admin') ? me.offices : me.offices.filter((o) => me.user.offices.includes(o.id));
  const office = select([['', 'すべて'], ...offices.map((o) => [o.id, o.name])], inboxState.office);
  const since = el('input', { type: 'date', value: inboxState.since });
  const text = el('input', { type: 'search', value: inboxState.text });
  const list = el('ul', { class: 'cards', 'aria-label': '問い合わせ一覧' });
  const count = el('p', { class: 'hint', 'aria-live': 'polite' });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': '問い合わせの絞り込み' },
    field('f-status', '状態', status), field('f-office', '担当窓口', office), field('f-since', '受付日(以降)', since), field('f-text', '本文を検索', text),
    el('div', {}, el('button', { type: 'submit', class: 'primary', text: '表示' })));
  const load = async () => {
    Object.assign(inboxState, { status: status.value, office: office.value, since: since.value, text: text.value.trim() });
    const q = new URLSearchParams({ limit: '500' });
    if (inboxState.status) q.set('status', inboxState.status);
    if (inboxState.office) q.set('office', inboxState.office);
    let tickets = await api('GET', `/api/tickets?${q}`);
    if (inboxState.since) tickets = tickets.filter((t) => jstDay(new Date(t.createdAt)) >= inboxState.since);
    if (inboxState.text) tickets = tickets.filter((t) => `${t.id} ${t.question} ${t.answer?.text ?? ''}`.toLowerCase().includes(inboxState.text.toLowerCase()));
    list.replaceChildren(...tickets.map((t) => el('li', { class: 'card' },
      el('div', { class: 'meta' },
        el('a', { href: `#ticket/${t.id}`, text: t.id }),
        el('span', { class: `badge ${t.status}`, text: STATUS[t.status] ?? t.status }),
        el('span', { text: officeName(t.route) }),
        el('span', { text: `受付 ${jst(t.createdAt)}` })),
      el('p', { class: 'q', text: t.question.length > 160 ? `${t.question.slice(0, 160)}…` : t.question }))));
    count.textContent = `${tickets.length} 件`;
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); load().catch((err) => say(err.message)); });
  view.replaceChildren(heading('受信箱'), form, count, list);
  await load();
}

async function renderTicket(id) {
  const t = await api('GET', `/api/tickets/${encodeURIComponent(id)}`);
  const bot = t.answerId ? await api('GET', `/api/tickets/${encodeURIComponent(id)}/bot-answer`).catch(() => null) : null;
  const parts = [el('p', {}, el('a', { href: '#inbox', text: '← 受信箱へ戻る' })), heading(`問い合わせ ${t.id}`)];
  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'h-facts' }, el('h2', { id: 'h-facts', text: '概要' }),
    el('dl', { class: 'facts' },
      el('dt', { text: '状態' }), el('dd', {}, el('span', { class: `badge ${t.status}`, text: STATUS[t.status] ?? t.status })),
      el('dt', { text: '担当窓口' }), el('dd', { text: t.officeName }),
      el('dt', { text: '受付日時' }), el('dd', { text: jst(t.createdAt) }),
      el('dt', { text: '経路' }), el('dd', { text: t.requester.platform }))));
  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'h-q' }, el('h2', { id: 'h-q', text: '質問(個人情報は削除済み)' }), el('p', { class: 'text', text: t.question })));
  const botPanel = el('section', { class: 'panel', 'aria-labelledby': 'h-bot' }, el('h2', { id: 'h-bot', text: 'ボットの回答' }));
  if (bot) {
    botPanel.append(el('p', { class: 'text', text: bot.text }));
    if (bot.sources.length > 0) {
      botPanel.append(el('h3', { text: '出典' }), el('ol', {}, ...bot.sources.map((s) => el('li', {},
        s.url ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer', text: `${s.title}${s.section ? ` ${s.section}` : ''}` }) : `${s.title}${s.section ? ` ${s.section}` : ''}`))));
    }
  } else botPanel.append(el('p', { class: 'hint', text: t.answerId ? 'ボットの回答は保存期間(30日)を過ぎました。' : 'ボットの回答からではなく、直接作成された問い合わせです。' }));
  parts.push(botPanel);
  if (t.answer) {
    const promote = has('curator') ? el('div', { class: 'actions' }, el('button', { type: 'button', text: 'この回答をFAQにする', onclick: () => {
      const src = bot?.sources?.find((s) => s.documentId);
      promoteToFaq({ questions: [t.question], answer: t.answer.text, route: t.route, ...(src ? { source: { documentId: src.documentId, section: src.section ?? undefined } } : {}) });
    } })) : null;
    parts.push(el('section', { class: 'panel', 'aria-labelledby': 'h-ans' }, el('h2', { id: 'h-ans', text: '窓口の回答' }), el('p', { class: 'text', text: t.answer.text }), el('p', { class: 'hint', text: `${jst(t.answer.at)} ${t.answer.by}` }), promote));
  }
  parts.push(el('section', { class: 'panel', 'aria-labelledby': 'h-hist' }, el('h2', { id: 'h-hist', text: '履歴' }),
    el('ol', { class: 'history' }, ...t.history.map((e) => el('li', { text: [jst(e.at), EVENT[e.type] ?? e.type, e.channel ? `(${e.channel})` : '', e.from ? `${officeName(e.from)} → ${officeName(e.to)}` : '', e.note ? `申し送り: ${e.note}` : '', e.detail ?? ''].filter(Boolean).join(' ') })))));

  if (t.status === 'open' || t.status === 'notified') {
    const answer = el('textarea', { rows: '6', required: true, maxlength: '10000' });
    const answerForm = el('form', { 'aria-labelledby': 'h-answer' }, el('h2', { id: 'h-answer', text: '回答する' }),
      field('answer-text', '回答文', answer),
      el('p', { class: 'hint', text: '回答は質問者の会話(スレッド)に届き、問い合わせは完了になります。個人情報は送付前に削除されます。' }),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: '回答を送信' })));
    answerForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api('POST', `/api/tickets/${encodeURIComponent(t.id)}/answer`, { answer: answer.value });
        say(`${t.id} に回答しました。`);
        await route();
      } catch (err) { say(err.message); }
    });
    const others = me.offices.filter((o) => o.id !== t.route);
    const to = select(others.map((o) => [o.id, o.name]), others[0]?.id);
    const note = el('textarea', { rows: '3', maxlength: '2000' });
    const transferForm = el('form', { 'aria-labelledby': 'h-transfer' }, el('h2', { id: 'h-transfer', text: 'ほかの窓口へ回送する' }),
      field('transfer-to', '回送先', to), field('transfer-note', '申し送り', note),
      el('div', { class: 'actions' }, el('button', { type: 'submit', text: '回送する' })));
    transferForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api('POST', `/api/tickets/${encodeURIComponent(t.id)}/transfer`, { office: to.value, note: note.value });
        say(`${t.id} を ${officeName(to.value)} へ回送しました。`);
        await route();
      } catch (err) { say(err.message); }
    });
    const closeNote = el('input', { type: 'text', maxlength: '2000' });
    const closeForm = el('form', { 'aria-labelledby': 'h-close' }, el('h2', { id: 'h-close', text: '回答せずに完了にする' }),
      field('close-note', '理由(任意)', closeNote),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'danger', text: '完了にする' })));
    closeForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!confirm(`${t.id} を回答せずに完了にしますか。`)) return;
      try {
        await api('POST', `/api/tickets/${encodeURIComponent(t.id)}/close`, { note: closeNote.value });
        say(`${t.id} を完了にしました。`);
        await route();
      } catch (err) { say(err.message); }
    });
    parts.push(el('div', { class: 'grid2' }, el('div', { class: 'panel' }, answerForm), el('div', { class: 'panel' }, transferForm, closeForm)));
  }
  view.replaceChildren(...parts);
}

async function renderReview() {
  const until = new Date();
  const since = new Date(until.getTime() - 30 * 86400000);
  const sinceIn = el('input', { type: 'date', value: jstDay(since) });
  const untilIn = el('input', { type: 'date', value: jstDay(until) });
  const list = el('ul', { class: 'cards', 'aria-label': '質問のグループ' });
  const count = el('p', { class: 'hint', 'aria-live': 'polite' });
  const form = el('form', { class: 'filters', 'aria-label': '期間' }, field('r-since', '開始日', sinceIn), field('r-until', '終了日', untilIn),
    el('div', {}, el('button', { type: 'submit', class: 'primary', text: '表示' })));
  const load = async () => {
    const q = new URLSearchParams({ limit: '200' });
    if (sinceIn.value) q.set('since', sinceIn.value);
    if (untilIn.value) q.set('until', untilIn.value);
    const groups = await api('GET', `/api/review?${q}`);
    count.textContent = `${groups.length} グループ`;
    list.replaceChildren(...groups.map((g, i) => {
      const answers = el('div', { id: `answers-${i}`, hidden: true });
      const toggle = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': `answers-${i}`, text: `回答を見る(${g.answerIds.length} 件)` });
      toggle.addEventListener('click', async () => {
        const open = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!open));
        answers.hidden = open;
        if (open || answers.childElementCount > 0) return;
        const items = await Promise.all(g.answers.slice(0, 20).map((a) => api('GET', `/api/review/answers/${encodeURIComponent(a.answerId)}`).then((x) => ({ ...a, text: x.text }), () => ({ ...a, text: null }))));
        answers.replaceChildren(el('ol', { class: 'history' }, ...items.map((a) => el('li', {},
          el('p', { class: 'meta', text: `${jst(a.at)} ・ ${a.kinds.map((k) => KIND[k]).join('、')}${a.confidence !== null ? ` ・ 確信度 ${a.confidence}` : ''}` }),
          el('p', { class: 'q', text: `質問: ${a.question}` }),
          el('p', { class: 'text', text: a.text === null ? '(回答は保存期間を過ぎました)' : `回答: ${a.text}` })))));
      });
      return el('li', { class: 'card' },
        el('p', { class: 'q', text: g.question }),
        el('div', { class: 'meta' },
          el('span', { text: `${g.count} 件` }),
          ...Object.entries(g.kinds).filter(([, n]) => n > 0).map(([k, n]) => el('span', { class: 'badge', text: `${KIND[k]} ${n}` })),
          el('span', { text: `最終 ${jst(g.lastAt)}` })),
        el('div', { class: 'actions' }, toggle,
          el('button', { type: 'button', text: 'FAQにする', 'aria-label': `「${g.question}」をFAQにする`, onclick: () => promoteToFaq({ questions: [...new Set([g.question, ...g.answers.map((a) => a.question)])].slice(0, 20) }) })),
        answers);
    }));
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); load().catch((err) => say(err.message)); });
  view.replaceChildren(heading('レビュー: ボットが答えられなかった質問'), el('p', { class: 'hint', text: '回答できなかった質問、確信度の低い回答、「役に立たなかった」と評価された回答、窓口への問い合わせを、似た質問ごとにまとめています。' }), form, count, list);
  await load();
}

async function renderReminders() {
  const list = el('ul', { class: 'cards', 'aria-label': 'リマインダー一覧' });
  const text = el('textarea', { rows: '3', required: true, maxlength: '2000' });
  const platform = select([['slack', 'Slack'], ['teams', 'Teams']], 'slack');
  const channel = el('input', { type: 'text', required: true, placeholder: 'C0123ABCD' });
  const kind = select([['at', '1回だけ'], ['cron', '繰り返し(cron)']], 'at');
  const at = el('input', { type: 'datetime-local' });
  const cron = el('input', { type: 'text', placeholder: '0 9 * * 1-5' });
  const holidays = el('input', { type: 'checkbox' });
  const yearEnd = el('input', { type: 'checkbox' });
  const result = el('div', { 'aria-live': 'polite' });
  const cronField = field('m-cron', 'cron(分 時 日 月 曜日、日本時間)', cron);
  const atField = field('m-at', '日時(日本時間)', at);
  const syncKind = () => { cronField.hidden = kind.value !== 'cron'; atField.hidden = kind.value !== 'at'; };
  kind.addEventListener('change', syncKind);
  syncKind();
  const form = el('form', { class: 'panel', 'aria-labelledby': 'h-new' }, el('h2', { id: 'h-new', text: '新しいリマインダー' }),
    field('m-text', '本文', text),
    el('div', { class: 'filters' }, field('m-platform', '送信先', platform), field('m-channel', 'チャネルID', channel), field('m-kind', '頻度', kind), atField, cronField),
    el('div', { class: 'filters' },
      el('div', {}, el('label', { for: 'm-holidays' }, holidays, ' 祝日は送らない')),
      el('div', {}, el('label', { for: 'm-yearend' }, yearEnd, ' 年末年始(12/29〜1/3)は送らない'))),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: '登録する' })), result);
  holidays.id = 'm-holidays';
  yearEnd.id = 'm-yearend';
  const load = async () => {
    const items = await api('GET', '/api/reminders');
    list.replaceChildren(...items.map((r) => {
      const buttons = [];
      if (r.status === 'active') buttons.push(el('button', { type: 'button', text: '一時停止', 'aria-label': `一時停止: ${r.text.slice(0, 30)}`, onclick: () => act(`/api/reminders/${r.id}/pause`, 'POST', '一時停止しました。') }));
      if (r.status === 'paused') buttons.push(el('button', { type: 'button', text: '再開', 'aria-label': `再開: ${r.text.slice(0, 30)}`, onclick: () => act(`/api/reminders/${r.id}/resume`, 'POST', '再開しました。') }));
      buttons.push(el('button', { type: 'button', class: 'danger', text: '削除', 'aria-label': `削除: ${r.text.slice(0, 30)}`, onclick: () => confirm('このリマインダーを削除しますか。') && act(`/api/reminders/${r.id}`, 'DELETE', '削除しました。') }));
      return el('li', { class: 'card' },
        el('p', { class: 'q', text: r.text }),
        el('div', { class: 'meta' },
          el('span', { class: 'badge', text: { active: '有効', paused: '一時停止', done: '終了' }[r.status] ?? r.status }),
          el('span', { text: r.cron ? `cron ${r.cron}` : `日時 ${jst(r.at ?? r.nextRuns?.[0])}` }),
          el('span', { text: `${r.target.platform} ${r.target.channelId ?? (r.target.userIds ?? []).join(',')}` }),
          el('span', { text: r.nextRunsJst?.length ? `次回 ${r.nextRunsJst[0]}` : '予定なし' })),
        el('div', { class: 'actions' }, ...buttons));
    }));
  };
  const act = async (path, method, done) => {
    try {
      await api(method, path);
      say(done);
      await load();
    } catch (err) { say(err.message); }
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { text: text.value, target: { platform: platform.value, channelId: channel.value.trim() }, skipHolidays: holidays.checked, skipYearEnd: yearEnd.checked, timezone: 'Asia/Tokyo' };
    if (kind.value === 'cron') body.cron = cron.value.trim();
    else body.at = at.value;
    try {
      const r = await api('POST', '/api/reminders', body);
      result.replaceChildren(el('h3', { text: '登録しました。次の5回(日本時間)' }), el('ol', {}, ...r.nextRunsJst.map((x) => el('li', { text: x }))));
      say('リマインダーを登録しました。');
      await load();
    } catch (err) {
      result.replaceChildren(el('p', { class: 'error', role: 'alert', text: err.message }));
    }
  });
  view.replaceChildren(heading('リマインダー'), form, el('h2', { text: '登録済み' }), list);
  await load();
}

async function renderAudit() {
  const type = select([['', 'すべて'], ['ticket', '問い合わせ'], ['reminder', 'リマインダー'], ['answer', 'ボットの回答'], ['faq', 'FAQ']], '');
  const id = el('input', { type: 'text' });
  const action = el('input', { type: 'text', placeholder: 'ticket.answered' });
  const since = el('input', { type: 'date' });
  const until = el('input', { type: 'date' });
  const list = el('ul', { class: 'cards', 'aria-label': '監査ログ' });
  const count = el('p', { class: 'hint', 'aria-live': 'polite' });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': '監査ログの検索' }, field('a-type', '種類', type), field('a-id', 'ID', id), field('a-action', '操作', action),
    field('a-since', '開始日', since), field('a-until', '終了日', until), el('div', {}, el('button', { type: 'submit', class: 'primary', text: '検索' })));
  const load = async () => {
    const q = new URLSearchParams({ limit: '200' });
    if (type.value) q.set('type', type.value);
    if (id.value.trim()) q.set('id', id.value.trim());
    if (action.value.trim()) q.set('action', action.value.trim());
    if (since.value) q.set('since', `${since.value}T00:00:00+09:00`);
    if (until.value) q.set('until', `${until.value}T23:59:59+09:00`);
    const { entries } = await api('GET', `/api/audit?${q}`);
    count.textContent = `${entries.length} 件(新しい順)`;
    list.replaceChildren(...entries.reverse().map((e) => el('li', { class: 'card' },
      el('div', { class: 'meta' }, el('span', { text: jst(e.at) }), el('span', { class: 'badge', text: e.action }), el('span', { text: `${e.subject.type} ${e.subject.id}` }),
        el('span', { text: e.actor.admin ? '管理API' : e.actor.system ? `システム(${e.actor.system})` : `${e.actor.platform} ${e.actor.userId}` })),
      e.details ? el('p', { class: 'q', text: JSON.stringify(e.details) }) : null)));
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); load().catch((err) => say(err.message)); });
  view.replaceChildren(heading('監査ログ'), form, count, list);
  await load();
}

// ---------- FAQ entries (curator) ----------
const ORIGIN = { shipped: '同梱(knowledge/faq)', stored: 'コンソールで作成' };
let faqDraft = null;
let knowledgeCache = null;
const knowledgeSections = async () => (knowledgeCache ??= await api('GET', '/api/knowledge/sections'));

/** Opens the FAQ form prefilled (from a review group or an answered ticket). */
function promoteToFaq(draft) {
  faqDraft = draft;
  location.hash = '#faq-new';
}

function evalLine(ev) {
  if (!ev || ev.total === 0) return 'キュレーター評価: コンソールで作成したエントリはまだありません。';
  return `キュレーター評価: ${ev.passed} / ${ev.total} の質問が自分のエントリで回答されました${ev.at ? `(${jst(ev.at)})` : ''}。`;
}

async function renderFaq() {
  const [entries, ev] = await Promise.all([api('GET', '/api/faq'), api('GET', '/api/faq/eval')]);
  const failures = (ev?.failures ?? []).map((f) => el('li', { text: `${f.question}: ${f.why.join('、')}` }));
  const list = el('ul', { class: 'cards', 'aria-label': 'FAQエントリ一覧' }, ...entries.map((e) => {
    const badges = [el('span', { class: 'badge', text: ORIGIN[e.origin] })];
    if (e.overridesShipped) badges.push(el('span', { class: 'badge', text: '同梱のエントリを上書き' }));
    if (e.hidden) badges.push(el('span', { class: 'badge', text: '非表示' }));
    const del = el('button', { type: 'button', class: 'danger', text: e.origin === 'shipped' ? '非表示にする' : '削除', 'aria-label': `${e.id} を${e.origin === 'shipped' ? '非表示にする' : '削除'}` });
    del.addEventListener('click', async () => {
      if (!confirm(e.origin === 'shipped' || e.overridesShipped ? `${e.id} を非表示にしますか。同梱のエントリも使われなくなります。` : `${e.id} を削除しますか。`)) return;
      try {
        await api('DELETE', `/api/faq/${encodeURIComponent(e.id)}`);
        say(`${e.id} を${e.origin === 'shipped' || e.overridesShipped ? '非表示にしました' : '削除しました'}。`);
        await route();
      } catch (err) { say(err.message); }
    });
    return el('li', { class: 'card' },
      el('div', { class: 'meta' }, el('span', { text: e.id }), ...badges, e.updatedAt ? el('span', { text: `${jst(e.updatedAt)} ${e.by ?? ''}` }) : null),
      el('p', { class: 'q', text: e.questions.join('\n') }),
      el('p', { class: 'text', text: `回答: ${e.answer.ja}` }),
      el('p', { class: 'hint', text: `出典: ${e.source.documentId}${e.source.section ? ` ${e.source.section}` : ''} ・ 担当: ${officeName(e.route)}${e.escalate ? ' ・ 問い合わせを案内' : ''}` }),
      el('div', { class: 'actions' }, el('a', { class: 'button', href: `#faq-edit/${encodeURIComponent(e.id)}`, text: e.hidden ? '戻す(編集)' : '編集', 'aria-label': `${e.id} を${e.hidden ? '戻す' : '編集'}` }), e.hidden ? null : del));
  }));
  view.replaceChildren(heading('FAQ'),
    el('p', { class: 'hint', text: 'ボットは質問がFAQエントリの言い方に十分近いとき、その回答を出典付きで答えます。ここで作成・編集したエントリはすべてのインスタンスですぐに使われます。' }),
    el('div', { class: 'actions' }, el('a', { class: 'button primary', href: '#faq-new', text: '新しいエントリ' }), el('a', { class: 'button', href: '/api/faq/export', download: 'console-faq.yaml', text: 'YAMLで書き出す' })),
    el('section', { class: 'panel', 'aria-labelledby': 'h-eval' }, el('h2', { id: 'h-eval', text: 'キュレーター評価' }), el('p', { text: evalLine(ev) }), failures.length > 0 ? el('ul', {}, ...failures) : null),
    el('p', { class: 'hint', 'aria-live': 'polite', text: `${entries.length} 件` }), list);
}

async function renderFaqForm(id) {
  const [k, existing] = await Promise.all([knowledgeSections(), id ? api('GET', `/api/faq/${encodeURIComponent(id)}`) : null]);
  const draft = existing ?? faqDraft ?? {};
  faqDraft = null;
  const questions = el('textarea', { rows: '5', required: true, 'aria-describedby': 'faq-q-hint' });
  questions.value = (draft.questions ?? []).join('\n');
  const answerJa = el('textarea', { rows: '5', required: true, maxlength: '4000' });
  answerJa.value = typeof draft.answer === 'string' ? draft.answer : (draft.answer?.ja ?? '');
  const answerEn = el('textarea', { rows: '3', maxlength: '4000' });
  answerEn.value = typeof draft.answer === 'object' ? (draft.answer?.en ?? '') : '';
  const doc = select(k.documents.map((d) => [d.documentId, `${d.title}(${d.documentId})`]), draft.source?.documentId ?? k.documents[0]?.documentId);
  const section = el('select');
  const fillSections = (chosen) => {
    const d = k.documents.find((x) => x.documentId === doc.value);
    section.replaceChildren(el('option', { value: '', text: '(節を指定しない)' }), ...(d?.sections ?? []).map((h) => el('option', { value: h, text: h, selected: h === chosen })));
  };
  fillSections(draft.source?.section);
  doc.addEventListener('change', () => fillSections(null));
  const office = select(k.offices.map((o) => [o.id, o.name]), draft.route ?? k.offices[0]?.id);
  const escalate = el('input', { type: 'checkbox', checked: draft.escalate === true });
  const problem = el('div', { role: 'alert', class: 'error' });
  const title = id ? `FAQエントリ ${id} の編集` : 'FAQエントリの作成';
  const form = el('form', { class: 'panel', 'aria-labelledby': 'h-faq-form' }, el('h2', { id: 'h-faq-form', text: '内容' }),
    field('faq-questions', '質問の言い方(1行に1つ)', questions),
    el('p', { id: 'faq-q-hint', class: 'hint', text: '職員が実際に尋ねる言い方を書きます。保存のとき、それぞれの言い方でこのエントリが回答されるか確かめます。' }),
    field('faq-answer', '回答(日本語)', answerJa), field('faq-answer-en', '回答(英語・任意)', answerEn),
    el('div', { class: 'filters' }, field('faq-doc', '出典の資料', doc), field('faq-section', '出典の節', section), field('faq-route', '担当窓口', office)),
    el('div', { class: 'check' }, Object.assign(escalate, { id: 'faq-escalate' }), el('label', { for: 'faq-escalate', text: '窓口への問い合わせも案内する' })),
    problem,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: '保存する' }), el('a', { class: 'button', href: '#faq', text: '取り消し' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    problem.textContent = '';
    const body = {
      questions: questions.value.split('\n').map((q) => q.trim()).filter(Boolean),
      answer: answerEn.value.trim() ? { ja: answerJa.value.trim(), en: answerEn.value.trim() } : answerJa.value.trim(),
      source: section.value ? { documentId: doc.value, section: section.value } : { documentId: doc.value },
      route: office.value,
      escalate: escalate.checked,
    };
    try {
      const saved = await api(id ? 'PUT' : 'POST', id ? `/api/faq/${encodeURIComponent(id)}` : '/api/faq', body);
      say(`${saved.id} を保存しました。${evalLine(saved.eval)}`);
      location.hash = '#faq';
    } catch (err) {
      problem.textContent = `保存できませんでした: ${err.message}`;
    }
  });
  view.replaceChildren(el('p', {}, el('a', { href: '#faq', text: '← FAQ一覧へ戻る' })), heading(title), form);
}

// ---------- routing ----------
function visiblePages() {
  return PAGES.filter((p) => has(...p.roles));
}

async function route() {
  const [name, ...rest] = location.hash.slice(1).split('/');
  const pages = visiblePages();
  const sub = ROUTES[name];
  const page = sub ? pages.find((p) => p.id === sub.page) : pages.find((p) => p.id === name);
  if (!page) {
    if (pages.length === 0) {
      view.replaceChildren(heading('管理コンソール'), el('p', { text: 'このアカウントに割り当てられた役割では、表示できるページがありません。' }));
      return;
    }
    location.replace(`#${pages[0].id}`);
    return;
  }
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === page.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${page.label} - 管理コンソール`;
  try {
    await (sub ? sub.render(...rest.map(decodeURIComponent)) : page.render());
  } catch (err) {
    view.replaceChildren(heading(page.label), el('p', { class: 'error', role: 'alert', text: err.message }));
  }
  view.focus();
}

async function start() {
  const res = await fetch('/admin/session', { headers: { accept: 'application/json' } });
  if (!res.ok) {
    location.href = '/admin/sign-in';
    return;
  }
  me = await res.json();
  document.getElementById('who').textContent = me.user.name;
  document.getElementById('sign-out-csrf').value = me.csrf;
  document.getElementById('nav-list').replaceChildren(...visiblePages().map((p) => el('li', {}, el('a', { href: `#${p.id}`, 'data-page': p.id, text: p.label }))));
  window.addEventListener('hashchange', route);
  await route();
}

start();
