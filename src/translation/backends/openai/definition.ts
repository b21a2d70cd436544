import { httpUrl, requiredText, secret } from '../../../settings/field-kinds';
import type { BackendDefinition } from '../../types';
import { createOpenAiBackend } from './index';

const fields = {
  /** Any OpenAI-compatible API: OpenAI, DeepSeek, OpenRouter, Ollama, LM Studio. */
  baseUrl: httpUrl('https://api.openai.com/v1', 'https://api.openai.com/v1'),
  /** Sent as a bearer token when not empty (local servers need none). */
  apiKey: secret(),
  model: requiredText('gpt-4o-mini', 'gpt-4o-mini', { error: 'model' }),
};

export const openai: BackendDefinition<'openai', typeof fields> = { id: 'openai', settings: fields, create: createOpenAiBackend };
