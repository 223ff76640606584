import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Env } from '../config/settings.js';
import { checkGeneratedAnswer, GenerationRejected } from './generated-answer-check.js';
import { systemPrompt, userPrompt } from './generator-prompt.js';

export { GenerationRejected } from './generated-answer-check.js';

export interface GenerationPassage {
  n: number;
  title: string;
  section: string | null;
  text: string;
}
export interface GenerationInput {
  question: string;
  lang: 'ja' | 'en';
  passages: GenerationPassage[];
}
export interface GenerationOutput {
  text: string;
  cited: number[];
}
export interface AnswerGenerator {
  readonly name: string;
  generate(input: GenerationInput, signal?: AbortSignal): Promise<GenerationOutput>;
}

/** Rewrites retrieved passages with a chat model through LangChain; never trusted without citations. */
export class LangChainGenerator implements AnswerGenerator {
  constructor(
    readonly name: string,
    private readonly model: BaseChatModel,
    private readonly timeoutMs: number,
  ) {}

  async generate(input: GenerationInput, signal?: AbortSignal): Promise<GenerationOutput> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let content: unknown;
    try {
      const message = await this.model.invoke([new SystemMessage(systemPrompt(input.lang)), new HumanMessage(userPrompt(input))], {
        signal: combined,
      });
      content = message.content;
    } catch (e) {
      if (timeout.aborted) throw new GenerationRejected('timeout', `no answer within ${this.timeoutMs} ms`);
      throw new GenerationRejected('provider-error', (e as Error).message);
    }
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? content.map((c: { text?: string }) => (typeof c === 'string' ? c : (c.text ?? ''))).join('')
          : '';
    return checkGeneratedAnswer(text, input.passages);
  }
}

/** The generator the settings ask for, or null when LLM_PROVIDER is unset (the default: offline). */
export async function createGenerator(env: Env): Promise<AnswerGenerator | null> {
  if (env.LLM_PROVIDER === undefined) return null;
  const model = env.LLM_MODEL!;
  // Providers are imported only when switched on, so the offline default loads neither.
  if (env.LLM_PROVIDER === 'openai') {
    const { ChatOpenAI } = await import('@langchain/openai');
    const chat = new ChatOpenAI({
      model,
      apiKey: env.LLM_API_KEY ?? 'not-needed',
      configuration: env.LLM_BASE_URL ? { baseURL: env.LLM_BASE_URL } : undefined,
      maxRetries: 0,
      temperature: 0,
    });
    return new LangChainGenerator(`openai:${model}`, chat, env.LLM_TIMEOUT_MS);
  }
  const { ChatOllama } = await import('@langchain/ollama');
  const chat = new ChatOllama({ model, baseUrl: env.LLM_BASE_URL ?? 'http://127.0.0.1:11434', temperature: 0 });
  return new LangChainGenerator(`ollama:${model}`, chat, env.LLM_TIMEOUT_MS);
}
