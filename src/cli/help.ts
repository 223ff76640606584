export const HELP = `telework-bot — テレワーク相談ボット

使い方 (usage):
  telework-bot ask "質問"              答えを表示します (text, then numbered sources)
  telework-bot ask --json "質問"       Answer JSON を1つ出力します
  telework-bot ask --jsonl             標準入力の1行1質問に、1行1 Answer JSON で答えます
  telework-bot eval FILE|DIR [--min 0.9] [--quiet] [--if-present]
                                       評価ファイル (JSONL) を実行し、カテゴリ別の表を出力します
                                       (--if-present: 存在しないファイルは1行で知らせて飛ばします)
  telework-bot eval-overlap BLIND GATED… [--threshold 0.6]
                                       ブラインド評価の質問がゲート評価の質問の写し・ほぼ写しでないか調べます
                                       (該当する組を表示し、あれば終了コード 1)
  telework-bot eval --faq [--min 1]    FAQ エントリの質問文をそれぞれ回帰テストとして実行します
  telework-bot serve                   HTTP サーバー (web chat, /api/ask, Slack, Teams) を起動します
  telework-bot chat                    端末で対話します
  telework-bot knowledge check [DIR…]  ナレッジフォルダを検証し、索引の内容を表示します
  telework-bot ticket create "質問" [--route hr|security] [--json]
                                       担当窓口への問い合わせ (チケット) を作成します
  telework-bot ticket list [--status open|notified|answered|closed] [--office ID] [--json]
  telework-bot ticket show ID [--json]  チケットと履歴を表示します
  telework-bot ticket answer ID "回答"  窓口の回答を登録し、質問者に送ります
  telework-bot remind list|show|pause|resume|delete|add …
                                       リマインダーを管理します (起動中のサーバーの管理 API、ADMIN_TOKEN が必要)

options:
  --lang ja|en     返答の言語 (既定: 質問から判定、日本語)
  -h, --help       このヘルプ
  -v, --version    バージョン

environment: KNOWLEDGE_DIR (追加のナレッジフォルダ), PORT, HOST, REDIS_URL, SLACK_*, MICROSOFT_APP_*,
  TEAMS_ENABLED, ADMIN_TOKEN, SMTP_URL, MAIL_FROM, TICKET_ROUTES_JSON, LLM_PROVIDER, LLM_BASE_URL, LLM_MODEL, LLM_API_KEY,
  LLM_TIMEOUT_MS, LOG_LEVEL (see README).
exit codes: 0 ok, 1 a failed check or run, 2 bad usage or bad configuration.
`;
