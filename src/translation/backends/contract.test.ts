import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeBackend } from '../../../tests/fakes/fake-backend';
import { startFakeGoogle } from '../../../tests/fakes/fake-google';
import { startFakeLibreTranslate } from '../../../tests/fakes/fake-libretranslate';
import { fakeTranslate } from '../../../tests/fakes/fake-translation';
import { DEFAULT_SETTINGS, type BackendId, type Settings } from '../../settings/schema';
import { BACKEND_FACTORIES } from '../registry';

/** Settings that point one backend at its local fake. */
const pointedAt: Record<BackendId, (url: string) => Settings> = {
  google: (url) => ({ ...DEFAULT_SETTINGS, backends: { ...DEFAULT_SETTINGS.backends, google: { host: url } } }),
  libretranslate: (url) => ({
    ...DEFAULT_SETTINGS,
    backend: 'libretranslate',
    backends: { ...DEFAULT_SETTINGS.backends, libretranslate: { url, apiKey: '' } },
  }),
};

const fakes: Record<BackendId, () => Promise<FakeBackend>> = {
  google: startFakeGoogle,
  libretranslate: () => startFakeLibreTranslate(),
};

const zhToEn = { source: 'zh', target: 'en' };
const signal = () => AbortSignal.timeout(5000);

/**
 * What every backend promises the service, checked against each backend's fake server on
 * 127.0.0.1: translations in order, and the same error codes for the same failures.
 */
describe.each(Object.keys(BACKEND_FACTORIES) as BackendId[])('the %s backend against its fake', (id) => {
  async function started() {
    const fake = await fakes[id]();
    onTestFinished(() => fake.close());
    return { fake, backend: BACKEND_FACTORIES[id](pointedAt[id](fake.url)) };
  }

  it('returns one translation per text, in order', async () => {
    const { backend } = await started();
    const texts = ['你好', '谢谢你', '这个攻略也太详细了吧'];
    expect(await backend.translate(texts, zhToEn, signal())).toEqual(texts.map(fakeTranslate));
  });

  it.each([
    [429, 'rate-limited'],
    [500, 'server'],
  ])('rejects an HTTP %i answer with code %s', async (status, code) => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'fail', status });
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code, status });
  });

  it('rejects with timeout when the answer comes too late', async () => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'slow', delayMs: 2000 });
    await expect(backend.translate(['你好'], zhToEn, AbortSignal.timeout(100))).rejects.toMatchObject({ code: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects with network when nothing listens at the address', async () => {
    const { fake, backend } = await started();
    await fake.close();
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects with bad-response when a 200 answer is not JSON', async () => {
    const { fake, backend } = await started();
    fake.setMode({ kind: 'malformed' });
    await expect(backend.translate(['你好'], zhToEn, signal())).rejects.toMatchObject({ code: 'bad-response' });
  });
});
