// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withConfig } from '../../../tests/fakes/fixture-config';
import { expectations, FIXTURES, loadHtml, usePageTimers, type FixtureItem } from '../../../tests/unit/fixture-page';
import { isChinese } from '../../text/detect';
import { xiaohongshu } from './adapter';
import { xiaohongshuLabels } from './labels';

type Page = 'notification.html' | 'profile.html';

function load(page: Page, query = ''): void {
  loadHtml(withConfig(readFileSync(resolve(FIXTURES, page), 'utf8'), new URLSearchParams(query)));
}

const byFixtureId = (id: string) => document.querySelector(`[data-fixture-id="${id}"]`)!;
const pages = expectations.pages as unknown as Record<Page, { items: FixtureItem[] }>;

/** Every present `translate` item reads as Chinese through the adapter; no `skip` item does, and no name is a unit. */
function checkUnits(page: Page): number {
  const units = new Set(document.querySelectorAll(xiaohongshu.unitSelector));
  let translated = 0;
  for (const item of pages[page].items) {
    const element = document.querySelector(`[data-fixture-id="${item.id}"]`);
    if (!element) continue;
    const kind = units.has(element) ? xiaohongshu.kindOf(element) : null;
    const content = kind ? xiaohongshu.readUnit(element, kind) : null;
    const chinese = !!content && isChinese(content.text, content.mentions);
    if (item.expect === 'translate') {
      expect(chinese, `${item.id} reads as Chinese: ${JSON.stringify(content)}`).toBe(true);
      translated += 1;
    }
    if (item.expect === 'skip') expect(chinese, `${item.id} is not translated`).toBe(false);
  }
  return translated;
}

function labelOf(id: string): string | null {
  const element = byFixtureId(id);
  return element.matches(xiaohongshuLabels.labelSelector) ? (xiaohongshuLabels.labelOf(element)?.english ?? null) : null;
}

usePageTimers();

describe('the notification page', () => {
  it('finds the comments, quotes and unknown hint of the first tab as units, and the names, times and known hints not', () => {
    load('notification.html');
    expect(checkUnits('notification.html')).toBe(12);
    expect(xiaohongshu.kindOf(byFixtureId('notif-c01-text'))).toBe('notification-text');
    expect(xiaohongshu.kindOf(byFixtureId('notif-c01-quote'))).toBe('notification-quote');
    expect(xiaohongshu.kindOf(byFixtureId('notif-c05-hint'))).toBe('notification-hint');
  });

  it('reads a quote without its emoji image and a comment with its marked mention', () => {
    load('notification.html');
    expect(xiaohongshu.readUnit(byFixtureId('notif-c01-quote'), 'notification-quote').text).toBe('这家店的提拉米苏真的绝了');
    expect(xiaohongshu.readUnit(byFixtureId('notif-c03-text'), 'notification-text')).toEqual({
      text: '@奶茶三分糖 快来看这个攻略，下次我们一起去',
      mentions: ['@奶茶三分糖'],
      tags: [],
    });
  });

  it('labels the known hints in English, not the unknown one nor the time', () => {
    load('notification.html');
    expect(labelOf('notif-c01-hint')).toBe('replied to your comment');
    expect(labelOf('notif-c03-hint')).toBe('mentioned you in a comment');
    expect(labelOf('notif-c05-hint')).toBeNull();
    expect(labelOf('notif-c01-time')).toBeNull();
  });

  it('finds the units of the tab the reader switches to', () => {
    load('notification.html');
    (document.querySelector('[data-tab="likes"]') as HTMLElement).click();
    expect(checkUnits('notification.html')).toBe(3);
    expect(labelOf('notif-l02-hint')).toBe('saved your note');
    (document.querySelector('[data-tab="follows"]') as HTMLElement).click();
    expect(labelOf('notif-f01-hint')).toBe('followed you');
  });

  it('labels nothing in www.rednote.com’s English interface', () => {
    load('notification.html', 'ui=en');
    expect(byFixtureId('notif-c01-hint').textContent).toBe('replied to your comment');
    expect(labelOf('notif-c01-hint')).toBeNull();
    expect(checkUnits('notification.html')).toBe(12);
  });
});

describe('the profile page', () => {
  it('finds the bio, the tags and the note titles as units, and the name, red ID, IP line and counts not', () => {
    load('profile.html');
    expect(checkUnits('profile.html')).toBe(1 + 4 + 7);
    expect(xiaohongshu.kindOf(byFixtureId('prof-bio'))).toBe('profile-bio');
    expect(xiaohongshu.kindOf(byFixtureId('prof-tag-2'))).toBe('profile-tag');
    expect(xiaohongshu.kindOf(byFixtureId('prof-p01-title'))).toBe('card-title');
  });

  it('reads the bio with its line breaks', () => {
    load('profile.html');
    expect(xiaohongshu.readUnit(byFixtureId('prof-bio'), 'profile-bio').text).toBe(
      '北漂第五年｜INFP\n喜欢咖啡、胶片和周末城市漫步☕️\n商务合作请私信',
    );
  });

  it('captions the cards over their covers, the pinned one too', () => {
    load('profile.html');
    const slot = xiaohongshu.overlaySlot(byFixtureId('prof-p01-title'), 'card-title');
    expect(slot.parent.matches('a.cover')).toBe(true);
    expect(slot.parent.querySelector('.top-wrapper')).not.toBeNull();
    expect(xiaohongshu.placementOf('card-title')).toBe('caption');
  });

  it('labels the IP place in English in either interface, and nothing else', () => {
    load('profile.html');
    expect(labelOf('prof-ip')).toBe('Beijing');
    expect(labelOf('prof-redid')).toBeNull();
    load('profile.html', 'ui=en');
    expect(byFixtureId('prof-ip').textContent).toContain('IP location:');
    expect(labelOf('prof-ip')).toBe('Beijing');
  });

  it('finds the saved notes’ titles when the reader opens that tab', () => {
    load('profile.html');
    (document.querySelector('[data-tab="saved"]') as HTMLElement).click();
    expect(document.querySelector('.tab-content-item > #userCollectedFeeds > section.note-item')).not.toBeNull();
    expect(checkUnits('profile.html')).toBe(1 + 4 + 4);
  });
});
