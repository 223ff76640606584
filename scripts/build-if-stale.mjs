#!/usr/bin/env node
// `npm start`: compile only when a source is newer than the last successful build, so a start
// after no change takes milliseconds instead of a full tsc run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const STAMP = 'dist/.build-stamp';
const INPUTS = ['src', 'adapters', 'bench', 'tsconfig.json', 'package.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? s.mtimeMs : 0;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

// `--stamp`: called after `npm run build` compiled everything, so the next start knows.
if (process.argv.includes('--stamp')) {
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.exit(0);
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
if (built > 0 && INPUTS.every((p) => newest(p) < built)) process.exit(0);

process.stderr.write('building (sources changed since the last build)…\n');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
