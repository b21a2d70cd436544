import type { TranslateOutcome } from '../messaging/wire';
import type { BackendId } from '../settings/schema';
import { checkAnswer } from './answer';
import { backendFailure, errorInfo } from './errors';
import type { Backend, LanguagePair } from './types';

/** What the options page's Test button translates. */
export const BACKEND_TEST_SENTENCE = '你好，今天的天气真好！';

/**
 * The options page's Test button: the sample sentence straight to the backend, no cache, no
 * queue (so no retries), no fallback, so the answer is that backend's own. `makeBackend` runs
 * inside the error handling: settings it cannot make a backend from are that test's failure.
 */
export async function testBackendOnce(
  id: BackendId,
  makeBackend: () => Backend,
  languages: LanguagePair,
  timeoutMs: number,
): Promise<TranslateOutcome> {
  let name = 'The backend';
  try {
    const backend = makeBackend();
    name = backend.name;
    const answer = await backend.translate([BACKEND_TEST_SENTENCE], languages, AbortSignal.timeout(timeoutMs));
    const [checked] = checkAnswer(backend.name, [BACKEND_TEST_SENTENCE], answer, languages);
    if (!checked!.ok) throw checked!.error;
    return { ok: true, translation: checked!.translation, backend: id, fromCache: false };
  } catch (error) {
    return { ok: false, error: errorInfo(backendFailure(error, name)) };
  }
}
