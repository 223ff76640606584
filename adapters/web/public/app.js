// The web chat: asks /api/ask and renders the Reply. All text goes in with textContent.
const log = document.getElementById('log');
const form = document.getElementById('ask');
const input = document.getElementById('question');
const send = document.getElementById('send');
const status = document.getElementById('status');

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  return { ok: res.ok, status: res.status, data };
}

function renderAnswer(a) {
  const box = el('div', 'msg bot');
  box.append(el('div', 'text', a.answer));
  if (Array.isArray(a.sources) && a.sources.length > 0) {
    const list = el('ol', 'sources');
    list.setAttribute('aria-label', '出典');
    for (const s of a.sources) {
      const li = el('li');
      const label = `${s.title}${s.section ? ` ${s.section}` : ''}${s.page ? ` p.${s.page}` : ''}${s.issuedWareki ? `(${s.issuedWareki})` : ''}${s.secondary ? '（二次資料）' : ''}`;
      if (s.url) {
        const link = el('a', null, label);
        link.href = s.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        li.append(link);
      } else li.textContent = label;
      list.append(li);
    }
    box.append(list);
  }
  if (a.escalate && a.office) box.append(el('p', 'office', `担当窓口: ${a.office.name}`));
  if (Array.isArray(a.actions) && a.actions.length > 0) {
    const bar = el('div', 'actions');
    const votes = [];
    for (const action of a.actions) {
      const b = el('button', null, action.label);
      b.type = 'button';
      if (action.kind === 'escalate') {
        b.addEventListener('click', () => confirmEscalation(box, b, action.value));
      } else {
        votes.push(b);
        // A vote disables the votes only (one per answer); asking the office stays possible.
        b.addEventListener('click', async () => {
          for (const x of votes) x.disabled = true;
          const vote = { 'feedback-helpful': 'helpful', 'feedback-unhelpful': 'unhelpful', resolved: 'resolved' }[action.kind];
          const r = await post('/api/feedback', { answerId: action.value, vote }).catch(() => ({ data: {} }));
          box.append(el('p', 'office', r.data.message ?? r.data.error ?? '送信できませんでした。'));
        });
      }
      bar.append(b);
    }
    box.append(bar);
  }
  return box;
}

/** The confirm step: show exactly what will be sent (redacted question, office), then 送信する / やめる. */
async function confirmEscalation(box, button, answerId) {
  button.disabled = true;
  const p = await post('/api/escalation-requests/preview', { answerId }).catch(() => ({ ok: false, data: {} }));
  if (!p.ok) {
    box.append(el('p', 'office', p.data.error ?? '送信できませんでした。時間をおいて再度お試しください。'));
    button.disabled = false;
    return;
  }
  const panel = el('div', 'confirm');
  panel.setAttribute('role', 'group');
  const title = el('p', 'confirm-title', `次の内容を ${p.data.officeName} に送信します。よろしいですか。`);
  title.id = `confirm-${answerId}`;
  panel.setAttribute('aria-labelledby', title.id);
  const quote = el('blockquote', 'confirm-question', p.data.question);
  const note = el('p', 'hint', '個人情報(氏名・電話番号・メールアドレス・個人番号)は削除してから送信します。');
  const yes = el('button', 'primary', '送信する');
  yes.type = 'button';
  const no = el('button', null, 'やめる');
  no.type = 'button';
  const bar = el('div', 'actions');
  bar.append(yes, no);
  panel.append(title, quote, note, bar);
  box.append(panel);
  yes.focus();
  no.addEventListener('click', () => {
    panel.remove();
    button.disabled = false;
    button.focus();
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    no.disabled = true;
    const r = await post('/api/escalation-requests', { answerId }).catch(() => ({ ok: false, data: {} }));
    panel.remove();
    if (!r.ok) {
      box.append(el('p', 'office', r.data.error ?? '送信できませんでした。時間をおいて再度お試しください。'));
      button.disabled = false;
      return;
    }
    const sent = el('div', 'ticket');
    const id = r.data.ticketId;
    sent.append(el('p', 'office', id
      ? `問い合わせ番号 ${id} で ${p.data.officeName} に送信しました。回答が届くとこのページに表示されます。`
      : (r.data.message ?? '受け付けました。')));
    box.append(sent);
    if (id) watchTicket(id, sent);
  });
}

/** Polls the asker's own ticket until the office's answer is there (only this browser can read it). */
function watchTicket(id, where) {
  let delay = 2000;
  const check = async () => {
    const res = await fetch(`/api/escalation-requests/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } }).catch(() => null);
    const t = res && res.ok ? await res.json().catch(() => null) : null;
    if (t && t.answer) {
      const answer = el('div', 'msg bot office-answer');
      answer.append(el('p', 'office', `${t.officeName} からの回答 (${id})`), el('div', 'text', t.answer.text));
      log.append(answer);
      where.append(el('p', 'hint', '回答が届きました。'));
      return;
    }
    if (res && res.status === 404) return;
    // Slower over time: an office may take days; the page need not ask every two seconds.
    delay = Math.min(delay * 1.5, 60000);
    setTimeout(check, delay);
  };
  setTimeout(check, delay);
}

async function ask() {
  const question = input.value.trim();
  if (question === '') return;
  log.append(el('div', 'msg user', question));
  input.value = '';
  send.disabled = true;
  status.textContent = '回答を作成しています…';
  try {
    const r = await post('/api/ask', { question });
    log.append(r.data.answer ? renderAnswer(r.data) : el('div', 'msg error', r.data.error ?? `エラーが発生しました (${r.status})`));
    status.textContent = '';
  } catch {
    log.append(el('div', 'msg error', '通信エラーが発生しました。時間をおいて再度お試しください。'));
    status.textContent = '';
  } finally {
    send.disabled = false;
    input.focus();
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  ask();
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    ask();
  }
});
