import { describe, expect, it, vi } from 'vitest';
import { createTabStatsSource, tabIdFromSearch, type PopupTabs } from './tab-stats-source';
import type { TabStats } from '../../messaging/content-messages';

const STATS: TabStats = { found: 5, translated: 4, fromCache: 1, failed: 0, imagesRead: 2, subtitlesShown: 1, active: true };

function fakeTabs(answer: (tabId: number) => Promise<unknown>, activeId: number | null = 7) {
  return {
    query: vi.fn<PopupTabs['query']>(async () => (activeId === null ? [] : [{ id: activeId }])),
    sendMessage: vi.fn<PopupTabs['sendMessage']>(async (tabId) => answer(tabId)),
  } satisfies PopupTabs;
}

describe('tabIdFromSearch', () => {
  it('reads a numeric tabId and nothing else', () => {
    expect(tabIdFromSearch('?tabId=42')).toBe(42);
    expect(tabIdFromSearch('')).toBeNull();
    expect(tabIdFromSearch('?tabId=')).toBeNull();
    expect(tabIdFromSearch('?tabId=4x')).toBeNull();
    expect(tabIdFromSearch('?tabId=-1')).toBeNull();
  });
});

describe('createTabStatsSource', () => {
  it('asks the active tab of the current window for its counts', async () => {
    const tabs = fakeTabs(async () => STATS);
    expect(await createTabStatsSource(tabs, '')()).toEqual(STATS);
    expect(tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'get-tab-stats' });
  });

  it('asks the tab named by ?tabId= instead, without looking for the active one', async () => {
    const tabs = fakeTabs(async () => STATS);
    await createTabStatsSource(tabs, '?tabId=12')();
    expect(tabs.query).not.toHaveBeenCalled();
    expect(tabs.sendMessage).toHaveBeenCalledWith(12, { type: 'get-tab-stats' });
  });

  it('gives null when no content script answers, it answers nothing, or there is no tab', async () => {
    expect(await createTabStatsSource(fakeTabs(() => Promise.reject(new Error('Receiving end does not exist'))), '')()).toBeNull();
    expect(await createTabStatsSource(fakeTabs(async () => undefined), '')()).toBeNull();
    expect(await createTabStatsSource(fakeTabs(async () => STATS, null), '')()).toBeNull();
  });
});
