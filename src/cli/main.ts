#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeError } from '../knowledge/loader.js';
import { packageRoot } from '../knowledge/paths.js';
import { SettingsError } from '../config/settings.js';
import { runAsk } from './commands/ask.js';
import { runEvalCommand } from './commands/eval.js';
import { runEvalOverlapCommand } from './commands/eval-overlap.js';
import { runKnowledgeCheck } from './commands/knowledge-check.js';
import { runServeCommand } from './commands/serve.js';
import { runChatCommand } from './commands/chat.js';
import { runTicketCommand } from './commands/ticket.js';
import { runRemindCommand } from './commands/remind.js';
import { HELP } from './help.js';
import { UsageError } from './usage-error.js';

async function main(argv: string[]): Promise<number> {
  // `remind` has its own options (parsed strictly there), so it is routed before the global parse.
  if (argv[0] === 'remind') return runRemindCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      min: { type: 'string' },
      threshold: { type: 'string' },
      quiet: { type: 'boolean' },
      'if-present': { type: 'boolean' },
      faq: { type: 'boolean' },
      lang: { type: 'string' },
      route: { type: 'string' },
      status: { type: 'string' },
      office: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.version) {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const lang = values.lang;
  if (lang !== undefined && lang !== 'ja' && lang !== 'en') throw new UsageError('--lang must be ja or en');
  switch (command) {
    case 'ask':
      return runAsk(rest, { json: values.json ?? false, jsonl: values.jsonl ?? false, lang });
    case 'eval':
      return runEvalCommand(rest, { min: values.min, quiet: values.quiet ?? false, ifPresent: values['if-present'] ?? false, faq: values.faq ?? false });
    case 'eval-overlap':
      return runEvalOverlapCommand(rest, { threshold: values.threshold });
    case 'knowledge':
      if (rest[0] !== 'check') throw new UsageError('usage: telework-bot knowledge check [DIR…]');
      return runKnowledgeCheck(rest.slice(1));
    case 'serve':
      return runServeCommand();
    case 'ticket':
      return runTicketCommand(rest, { json: values.json ?? false, route: values.route, status: values.status, office: values.office });
    case 'chat':
      return runChatCommand({ lang });
    default:
      throw new UsageError(`unknown command "${command}" (see telework-bot --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof SettingsError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      process.exitCode = 2;
    } else if (e instanceof KnowledgeError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
