import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ExtensionGoneError, extensionIsGone, NoAnswerError, sendToBackground } from './send';

describe('sendToBackground', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends the request and returns the background’s answer', async () => {
    const answer = (() => Promise.resolve({ enabled: true })) as typeof browser.runtime.sendMessage;
    const sendMessage = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(answer);
    await expect(sendToBackground({ type: 'get-page-settings' })).resolves.toEqual({ enabled: true });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'get-page-settings' });
    expect(extensionIsGone()).toBe(false);
  });

  it('throws NoAnswerError when the background answers nothing', async () => {
    const nothing = (() => Promise.resolve(undefined)) as typeof browser.runtime.sendMessage;
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(nothing);
    await expect(sendToBackground({ type: 'clear-cache' })).rejects.toMatchObject({ name: 'NoAnswerError', requestType: 'clear-cache' });
    await expect(sendToBackground({ type: 'clear-cache' })).rejects.toBeInstanceOf(NoAnswerError);
  });

  it('throws ExtensionGoneError without calling runtime once the extension is gone (Chrome clears runtime.id)', async () => {
    const sendMessage = vi.spyOn(browser.runtime, 'sendMessage');
    vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    expect(extensionIsGone()).toBe(true);
    await expect(sendToBackground({ type: 'get-page-settings' })).rejects.toBeInstanceOf(ExtensionGoneError);
    expect(sendMessage).not.toHaveBeenCalled();
  });
});
