import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGeneratedAnswer, GenerationRejected } from '../../src/answer/generated-answer-check.js';
import { createGenerator, type GenerationInput, LangChainGenerator } from '../../src/answer/generator.js';
import { loadSettings } from '../../src/config/settings.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { KnowledgeRetriever } from '../../src/retrieval/langchain-retriever.js';
import { type LlmStub, startLlmStub } from '../support/llm-stub.js';

const MINI = fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url));
const passages = [
  { n: 1, title: '支援策', section: '特別交付税措置', text: '令和6年度も特別交付税措置(措置率0.5)が講じられます。問い合わせは hr@example.invalid へ。' },
  { n: 2, title: '相談', section: null, text: 'テレワーク相談センターの相談は無料です。' },
];
const input: GenerationInput = { question: '措置率は?', lang: 'ja', passages };

describe('checking a generated answer', () => {
  it('accepts an answer that cites given passages and invents nothing', () => {
    expect(checkGeneratedAnswer('措置率は0.5です[1]。相談は無料です[2]。', passages)).toEqual({
      text: '措置率は0.5です[1]。相談は無料です[2]。',
      cited: [1, 2],
    });
  });
  it.each([
    ['措置率は0.5です。', 'no-citation'],
    ['措置率は0.5です[3]。', 'no-citation'],
    ['措置率は0.7です[1]。', 'invented-fact'],
    ['連絡は03-9999-0000へ[1]。', 'invented-fact'],
    ['詳しくは https://evil.example/ を[1]。', 'invented-fact'],
    ['  ', 'empty'],
  ])('rejects %s (%s)', (text, reason) => {
    try {
      checkGeneratedAnswer(text, passages);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GenerationRejected);
      expect((e as GenerationRejected).reason).toBe(reason);
    }
  });
  it('strips broadcast mentions', () => {
    expect(checkGeneratedAnswer('<!here> 0.5です[1]', passages).text).toBe('0.5です[1]');
  });
});

describe('LangChain generator against local stand-in endpoints', () => {
  let stub: LlmStub;
  beforeAll(async () => {
    stub = await startLlmStub();
  });
  afterAll(async () => stub.close());

  const env = (provider: 'openai' | 'ollama', timeout = '3000') =>
    loadSettings({
      LLM_PROVIDER: provider,
      LLM_MODEL: 'stub-model',
      LLM_BASE_URL: provider === 'openai' ? `${stub.url}/v1` : stub.url,
      LLM_TIMEOUT_MS: timeout,
    });

  it('is off unless LLM_PROVIDER is set', async () => {
    expect(await createGenerator(loadSettings({}))).toBeNull();
  });

  it.each(['openai', 'ollama'] as const)('uses a cited answer from %s and sends the passages and question', async (provider) => {
    stub.requests.length = 0;
    stub.reply = { text: '措置率は0.5です[1]。' };
    const generator = (await createGenerator(env(provider)))!;
    expect(await generator.generate(input)).toMatchObject({ text: '措置率は0.5です[1]。', cited: [1], passages });
    const sent = JSON.stringify(stub.requests.at(-1)!.body);
    expect(sent).toContain('措置率0.5');
    expect(sent).toContain('措置率は?');
  });

  it.each([
    [{ text: '措置率は0.5です。' }, 'no-citation'],
    [{ text: '0.5です[1]', status: 500 }, 'provider-error'],
    [{ text: '0.5です[1]', delayMs: 1500 }, 'timeout'],
  ])('rejects %o as %s', async (reply, reason) => {
    stub.reply = reply;
    const generator = (await createGenerator(env('openai', '300')))!;
    await expect(generator.generate(input)).rejects.toMatchObject({ reason });
  });

  it('is a LangChain chain: retriever → prompt → model → citation check', async () => {
    const generator = (await createGenerator(env('openai')))! as LangChainGenerator;
    expect(generator).toBeInstanceOf(LangChainGenerator);
    const bot = await TeleworkBot.create({ baseKnowledgeDir: MINI });
    generator.useRetriever(new KnowledgeRetriever({ index: bot.index, k: 2 }));
    stub.requests.length = 0;
    stub.reply = { text: '措置率は0.5です[1]。' };
    // No passages given: the chain's retriever searches the knowledge index for the query.
    const out = await generator.generate({ question: '特別交付税の措置率は?', lang: 'ja', query: '特別交付税の措置率' });
    expect(out.text).toBe('措置率は0.5です[1]。');
    expect(out.passages?.[0]?.chunkId).toMatch(/#\d+$/);
    const sent = stub.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(sent.messages[1]!.content).toContain(`[1] ${out.passages![0]!.title}`);
    expect(sent.messages[1]!.content).toContain('措置率0.5');
    // The last step is the citation check: a figure the retrieved passages lack is refused.
    stub.reply = { text: '措置率は0.75です[1]。' };
    await expect(generator.generate({ question: '特別交付税の措置率は?', lang: 'ja' })).rejects.toMatchObject({ reason: 'invented-fact' });
  });

  it('falls back to the extractive answer in the bot when the model fails, and uses it when it cites', async () => {
    let rejected: unknown[] = [];
    const generator = (await createGenerator(env('openai', '300')))!;
    const bot = await TeleworkBot.create({ baseKnowledgeDir: MINI, generator, onGeneratorRejected: (e) => rejected.push(e) });
    stub.reply = { text: '資料によると措置率は0.5です[1]。' };
    expect((await bot.ask('特別交付税の措置率は?')).answer.answer).toBe('資料によると措置率は0.5です[1]。');
    stub.reply = { text: '措置率は0.9です[1]。' };
    const { answer } = await bot.ask('特別交付税の措置率は?');
    expect(answer.answer).toContain('特別交付税措置(措置率0.5)');
    expect(answer.citations.length).toBeGreaterThan(0);
    expect((rejected[0] as GenerationRejected).reason).toBe('invented-fact');
    rejected = [];
  });
});
