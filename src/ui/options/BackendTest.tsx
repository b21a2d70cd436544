import { useEffect, useRef, useState } from 'preact/hooks';
import type { BackendId } from '../../settings/schema';
import type { TranslateOutcome } from '../../messaging/wire';
import { backendLabel } from '../backend-label';
import { t } from '../i18n';
import { messageOf } from '../../untyped';

/** What a test ends with: the backend's answer, or the form's own refusal to send invalid fields. */
export type TestAnswer = TranslateOutcome | { ok: false; invalidFields: true };

type TestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'works'; translation: string }
  | { kind: 'failed'; message: string };

export interface BackendTestProps {
  backend: BackendId;
  run: () => Promise<TestAnswer>;
}

/** The Test button of one backend, and what the backend answered: its translation or its exact error. */
export function BackendTest({ backend, run }: BackendTestProps) {
  const [state, setState] = useState<TestState>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  async function test(): Promise<void> {
    setState({ kind: 'testing' });
    let answer: TestAnswer | undefined;
    try {
      answer = await run();
    } catch (error) {
      const detail = messageOf(error);
      answer = { ok: false, error: { code: 'network', message: t('options_test_noBackground', detail) } };
    }
    if (!alive.current) return;
    if (!answer) setState({ kind: 'failed', message: t('options_test_noBackground', 'no answer') });
    else if (answer.ok) setState({ kind: 'works', translation: answer.translation });
    else if ('invalidFields' in answer) setState({ kind: 'failed', message: t('options_test_invalid') });
    else setState({ kind: 'failed', message: answer.error.message });
  }

  const name = backendLabel(backend);
  return (
    <div class="backend-test" data-backend={backend} data-state={state.kind}>
      <button
        type="button"
        class="test"
        aria-label={t('options_test_label', name)}
        disabled={state.kind === 'testing'}
        onClick={() => void test()}
      >
        {t('options_test')}
      </button>
      <p class="test-status" role="status" aria-busy={state.kind === 'testing'}>
        {state.kind === 'testing' && t('options_test_testing')}
        {state.kind === 'works' && t('options_test_works', state.translation)}
      </p>
      {state.kind === 'failed' && (
        <p class="test-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
