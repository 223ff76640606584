import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server-harness.js';

// The built command line, as `npx telework-bot` runs it (npm test builds before vitest).
const CLI = 'dist/src/cli/main.js';

function run(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, LOG_LEVEL: 'silent' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
});

describe('command line: bad input is one line and exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-cli-'));

  it('eval of a missing file', () => {
    const r = run(['eval', join(dir, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([`error: eval file not found: ${join(dir, 'nope.jsonl')}`]);
  });

  it('eval of a file with a bad JSON line names the file and the line', () => {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, '{"id":"a","cat":"fact","q":"特別交付税の措置率は?"}\n{not json\n');
    const r = run(['eval', f]);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: .*bad\\.jsonl:2: not valid JSON`));
  });

  it('eval --if-present skips an absent sample with one line and runs what is there', () => {
    const absent = run(['eval', join(dir, 'absent.jsonl'), '--if-present']);
    expect(absent.code).toBe(0);
    expect(absent.out.trim().split('\n')).toEqual([`eval: skipped ${join(dir, 'absent.jsonl')} (not present)`]);
    const f = join(dir, 'one.jsonl');
    writeFileSync(f, '{"id":"a","cat":"fact","q":"特別交付税の措置率は?","route":"hr"}\n');
    const mixed = run(['eval', join(dir, 'absent.jsonl'), f, '--if-present']);
    expect(mixed.out).toContain('(not present)');
    expect(mixed.out).toMatch(/eval: 1 passed, 0 failed/);
    expect(mixed.code).toBe(0);
  });

  it('ask with an empty question is bad usage', () => {
    for (const q of ['', '   ']) {
      const r = run(['ask', q]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^error: the question is empty/);
    }
  });

  it('ask --json does not echo a 5,000-character question whole', () => {
    const r = run(['ask', '--json', 'あ'.repeat(5000)]);
    const a = JSON.parse(r.out);
    expect(a.error).toMatch(/2,000/);
    expect([...a.question].length).toBe(200);
    expect(a.question.endsWith('…')).toBe(true);
    expect(a.question.startsWith('あ'.repeat(199))).toBe(true);
  });
});

describe('the web page', () => {
  it('serves a favicon, linked from the page', async () => {
    const srv = await startTestServer();
    try {
      const page = await (await fetch(`${srv.base}/`)).text();
      expect(page).toContain('href="favicon.ico"');
      const ico = await fetch(`${srv.base}/favicon.ico`);
      expect(ico.status).toBe(200);
      const bytes = new Uint8Array(await ico.arrayBuffer());
      // An ICO header (reserved 0, type 1 = icon) with at least one image.
      expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
      expect(bytes[4]).toBeGreaterThan(0);
      const svg = await fetch(`${srv.base}/favicon.svg`);
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    } finally {
      await srv.close();
    }
  });
});

describe('the packed package', () => {
  it('holds what a packed copy needs at run time: the page, the knowledge, the app manifests', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = new Set((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    for (const f of [
      'dist/src/cli/main.js',
      'adapters/web/public/index.html',
      'adapters/web/public/app.js',
      'adapters/web/public/style.css',
      'adapters/web/public/favicon.ico',
      'knowledge/contacts.yaml',
      'knowledge/synonyms.yaml',
      'adapters/slack/manifest.yaml',
      'adapters/teams/manifest.json',
      'adapters/teams/color.png',
      'adapters/teams/outline.png',
    ]) {
      expect(files, f).toContain(f);
    }
    expect([...files].some((f) => f.startsWith('knowledge/docs/') && f.endsWith('.md'))).toBe(true);
    expect([...files].some((f) => f.startsWith('test/'))).toBe(false);
  });
});

describe('npm start', () => {
  it('compiles only when a source is newer than the last build', () => {
    // A tiny project of its own (ES5 lib only, to keep tsc quick), so that touching a source does not disturb this worktree.
    const dir = mkdtempSync(join(tmpdir(), 'tw-build-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a: number = 1;\n');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: '.', types: [], lib: ['es5'] }, include: ['src/**/*.ts'] }));
    writeFileSync(join(dir, 'package.json'), '{}\n');
    mkdirSync(join(dir, 'dist'));
    const script = join(process.cwd(), 'scripts', 'build-if-stale.mjs');
    const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: dir, encoding: 'utf8' });
    // As after `npm run build`: stamped, nothing newer, so no compile.
    const past = new Date(Date.now() - 60_000);
    for (const f of ['src/a.ts', 'src', 'tsconfig.json', 'package.json']) utimesSync(join(dir, f), past, past);
    expect(run('--stamp').status).toBe(0);
    const unchanged = run();
    expect(unchanged.status).toBe(0);
    expect(unchanged.stderr).toBe('');
    expect(existsSync(join(dir, 'dist', 'src', 'a.js'))).toBe(false);
    // An edited source (newer than the stamp) is compiled.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'a.ts'), later, later);
    const edited = run();
    expect(edited.stderr).toContain('building');
    expect(edited.status).toBe(0);
    expect(existsSync(join(dir, 'dist', 'src', 'a.js'))).toBe(true);
  }, 120_000);

  it('serve prints JSON lines when its output is not a terminal', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info' };
    delete env['REDIS_URL'];
    const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('web chat: http') && resolve());
        child.once('exit', (c) => reject(new Error(`serve exited ${c}: ${out}`)));
      });
      const line = out.split('\n').find((l) => l.includes('web chat: http'))!;
      expect(JSON.parse(line).msg).toMatch(/^web chat: http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});

describe('serve at a terminal', () => {
  it('prints readable log lines and the address on a plain line', async () => {
    // util-linux `script` gives the process a real pseudo-terminal.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info' };
    delete env['REDIS_URL'];
    const child = spawn('script', ['-qfec', `${process.execPath} ${CLI} serve`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => /テレワーク相談ボット: http/.test(out) && resolve());
        child.once('exit', (c) => reject(new Error(`serve exited ${c}: ${out}`)));
      });
      const plain = out.split(/\r?\n/).find((l) => l.includes('テレワーク相談ボット: http'))!;
      expect(plain.trim()).toMatch(/^テレワーク相談ボット: http:\/\/127\.0\.0\.1:\d+\/ {2}\(Ctrl\+C で終了\)$/);
      expect(out).toMatch(/INFO.*knowledge loaded/);
      expect(out).not.toContain('{"level"');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
