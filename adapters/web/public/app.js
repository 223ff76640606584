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
    for (const action of a.actions) {
      const b = el('button', null, action.label);
      b.type = 'button';
      b.addEventListener('click', async () => {
        for (const x of bar.querySelectorAll('button')) x.disabled = true;
        const vote = { 'feedback-helpful': 'helpful', 'feedback-unhelpful': 'unhelpful', resolved: 'resolved' }[action.kind];
        const r = action.kind === 'escalate'
          ? await post('/api/escalation-requests', { answerId: action.value })
          : await post('/api/feedback', { answerId: action.value, vote });
        box.append(el('p', 'office', r.data.message ?? r.data.error ?? '送信できませんでした。'));
      });
      bar.append(b);
    }
    box.append(bar);
  }
  return box;
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
