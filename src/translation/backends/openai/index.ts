/**
 * Any OpenAI-compatible chat completions API (OpenAI, DeepSeek, OpenRouter, Ollama, LM Studio)
 * as a translation backend: prompt.ts says what is asked, answer.ts reads what comes back.
 */
import type { Settings } from '../../../settings/schema';
import { TranslationError } from '../../errors';
import { sendHttp, type HttpRequest } from '../../http';
import type { Backend, LanguagePair } from '../../types';
import { NAME, parseOpenAiResponse, parseOpenAiTranslations, singleTranslation } from './answer';
import { instructionsFor, PROMPT_VERSION, userMessage } from './prompt';

export type OpenAiConfig = Settings['backends']['openai'];

/** `{baseUrl}/chat/completions`; a base URL that already names the endpoint is used as is. */
export function chatCompletionsUrl(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  return base.endsWith('/chat/completions') ? base : `${base}/chat/completions`;
}

/** `POST {baseUrl}/chat/completions` with only the fields every compatible server accepts. */
export function buildOpenAiRequest(
  texts: readonly string[],
  languages: LanguagePair,
  config: OpenAiConfig,
  glossary = true,
): HttpRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  // Pasted keys often carry a trailing newline, which fetch refuses in a header value.
  const key = config.apiKey.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  const body = {
    model: config.model,
    messages: [
      { role: 'system', content: instructionsFor(glossary ? texts : [], languages) },
      { role: 'user', content: userMessage(texts) },
    ],
    temperature: 0,
  };
  return { url: chatCompletionsUrl(config.baseUrl), init: { method: 'POST', headers, body: JSON.stringify(body) } };
}

export function createOpenAiBackend(settings: Settings): Backend {
  const config = settings.backends.openai;
  const name = `${NAME} (${config.model})`;

  async function complete(texts: readonly string[], languages: LanguagePair, signal: AbortSignal): Promise<string> {
    const answer = await sendHttp(`${name} at ${config.baseUrl}`, buildOpenAiRequest(texts, languages, config, settings.slangNotes), signal);
    return parseOpenAiResponse(answer.status, answer.body, answer.retryAfter);
  }

  /**
   * One translation per text. A model that miscounts or garbles the array fails the request
   * (`bad-response`) rather than risk a translation landing on the wrong text: the queue then
   * asks for each text on its own, within the backend's request limits.
   */
  async function translateBatch(texts: readonly string[], languages: LanguagePair, signal: AbortSignal): Promise<string[]> {
    const content = await complete(texts, languages, signal);
    const translations = parseOpenAiTranslations(content, texts.length);
    if (translations) return translations;
    if (texts.length === 1) {
      // A lone text may come back as plain text or a lone object: that is still its translation.
      const single = singleTranslation(content);
      if (single !== null) return [single];
      throw new TranslationError('bad-response', `${name} did not answer with a translation`);
    }
    throw new TranslationError('bad-response', `${name} did not answer with one translation per text`);
  }

  return {
    id: 'openai',
    name,
    // Without the glossary the prompt differs, and so may the answers.
    cacheId: `openai:${config.model}:${PROMPT_VERSION}${settings.slangNotes ? '' : ':no-glossary'}`,
    capabilities: {
      maxTextsPerRequest: 20,
      maxCharsPerRequest: 4000,
      // Local servers need no key; OpenAI itself answers 401 without one, which reads as 'auth'.
      kind: 'llm',
      // LLM answers are slow and free tiers allow few requests a minute: stay gentle.
      maxConcurrentRequests: 2,
      requestsPerSecond: 1,
      burst: 3,
    },
    translate: (texts, languages, signal) => translateBatch(texts, languages, signal),
  };
}
