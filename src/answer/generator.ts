import type { DocumentInterface } from '@langchain/core/documents';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { BaseRetriever } from '@langchain/core/retrievers';
import { RunnableLambda, RunnablePassthrough, RunnableSequence } from '@langchain/core/runnables';
import type { Env } from '../config/settings.js';
import { checkGeneratedAnswer, GenerationRejected } from './generated-answer-check.js';
import { formatPassages, systemPrompt, USER_TEMPLATE } from './generator-prompt.js';

export { GenerationRejected } from './generated-answer-check.js';

export interface GenerationPassage {
  n: number;
  title: string;
  section: string | null;
  text: string;
  /** The knowledge chunk the passage is (retriever documents carry it), so the bot can cite it. */
  chunkId?: string;
}
export interface GenerationInput {
  question: string;
  lang: 'ja' | 'en';
  /** Passages to answer from; without them the chain's retriever finds them for `query` (or the question). */
  passages?: GenerationPassage[];
  /** What the retriever searches for (the bot passes the question as it searched it). */
  query?: string;
}
export interface GenerationOutput {
  text: string;
  cited: number[];
  /** The numbered passages the model was given (the answer's [n] refer to them); default: the input's. */
  passages?: GenerationPassage[];
}
export interface AnswerGenerator {
  readonly name: string;
  generate(input: GenerationInput, signal?: AbortSignal): Promise<GenerationOutput>;
  /** Gives the generator the knowledge retriever its chain searches (called once the index exists). */
  useRetriever?(retriever: BaseRetriever): void;
}

/** Retriever documents as numbered passages (metadata from KnowledgeRetriever). */
const toPassages = (docs: DocumentInterface[]): GenerationPassage[] =>
  docs.map((d, i) => ({
    n: i + 1,
    title: String(d.metadata.title ?? ''),
    section: typeof d.metadata.section === 'string' ? d.metadata.section : null,
    text: d.pageContent,
    ...(typeof d.metadata.chunkId === 'string' ? { chunkId: d.metadata.chunkId } : {}),
  }));

interface Retrieved {
  question: string;
  lang: 'ja' | 'en';
  passages: GenerationPassage[];
}

/**
 * The optional generator as a LangChain chain: retriever → prompt → chat model → citation check.
 * The check (checkGeneratedAnswer) refuses answers that cite nothing, cite unknown passages or state
 * figures, addresses or URLs the passages do not have; the bot then keeps its extractive answer.
 */
export class LangChainGenerator implements AnswerGenerator {
  private retriever: BaseRetriever | null = null;

  constructor(
    readonly name: string,
    private readonly model: BaseChatModel,
    private readonly timeoutMs: number,
  ) {}

  useRetriever(retriever: BaseRetriever): void {
    this.retriever = retriever;
  }

  /** The chain itself (exposed for inspection and tests). */
  chain(): RunnableSequence<GenerationInput, GenerationOutput> {
    const retrieve = RunnableLambda.from(async (input: GenerationInput, config): Promise<Retrieved> => {
      if (input.passages !== undefined) return { question: input.question, lang: input.lang, passages: input.passages };
      if (this.retriever === null) throw new GenerationRejected('empty', 'no passages and no retriever');
      return { question: input.question, lang: input.lang, passages: toPassages(await this.retriever.invoke(input.query ?? input.question, config)) };
    }).withConfig({ runName: 'retrieve' });
    const prompt = ChatPromptTemplate.fromMessages([
      ['system', '{system}'],
      ['human', USER_TEMPLATE],
    ]);
    const answer = RunnableSequence.from([
      (r: Retrieved) => ({ system: systemPrompt(r.lang), passages: formatPassages(r.passages), question: r.question }),
      prompt,
      this.model,
      new StringOutputParser(),
    ]).withConfig({ runName: 'answer' });
    const check = RunnableLambda.from((r: Retrieved & { raw: string }): GenerationOutput => {
      if (r.passages.length === 0) throw new GenerationRejected('empty', 'the retriever found no passages');
      return { ...checkGeneratedAnswer(r.raw, r.passages), passages: r.passages };
    }).withConfig({ runName: 'citation-check' });
    return RunnableSequence.from([retrieve, RunnablePassthrough.assign({ raw: answer }), check]);
  }

  async generate(input: GenerationInput, signal?: AbortSignal): Promise<GenerationOutput> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return await this.chain().invoke(input, { signal: combined });
    } catch (e) {
      if (e instanceof GenerationRejected) throw e;
      if (timeout.aborted) throw new GenerationRejected('timeout', `no answer within ${this.timeoutMs} ms`);
      throw new GenerationRejected('provider-error', (e as Error).message);
    }
  }
}

/**
 * The generator the settings ask for, or null when LLM_PROVIDER is unset (the default: offline).
 * The chat model comes from langchain's initChatModel, which loads the provider package on demand.
 */
export async function createGenerator(env: Env): Promise<AnswerGenerator | null> {
  if (env.LLM_PROVIDER === undefined) return null;
  const model = env.LLM_MODEL!;
  // Imported only when switched on, so the offline default loads no provider code.
  const { initChatModel } = await import('langchain/chat_models/universal');
  const chat =
    env.LLM_PROVIDER === 'openai'
      ? await initChatModel(model, {
          modelProvider: 'openai',
          apiKey: env.LLM_API_KEY ?? 'not-needed',
          configuration: env.LLM_BASE_URL ? { baseURL: env.LLM_BASE_URL } : undefined,
          maxRetries: 0,
          temperature: 0,
        })
      : await initChatModel(model, { modelProvider: 'ollama', baseUrl: env.LLM_BASE_URL ?? 'http://127.0.0.1:11434', temperature: 0 });
  return new LangChainGenerator(`${env.LLM_PROVIDER}:${model}`, chat, env.LLM_TIMEOUT_MS);
}
