import { act } from 'preact/test-utils';

/** Lets pending promises (a fake API's) settle, with Preact's re-renders and effects flushed. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
}
