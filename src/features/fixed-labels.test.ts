// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { LABEL_TAG } from '../dom/own-nodes';
import { createPageObserver } from '../dom/page-observer';
import { DEFAULT_SETTINGS, pageSettingsOf, type PageSettings } from '../settings/schema';
import type { FixedLabelSite } from '../sites/types';
import type { FeatureContext } from './feature';
import { fixedLabels } from './fixed-labels';

/** A site whose `<span class="hint">` holds a phrase with a known English, or not. */
const KNOWN: Record<string, string> = { 关注了你: 'followed you', 赞了你的笔记: 'liked your note' };
const site: FixedLabelSite = {
  labelSelector: 'span.hint',
  labelOf: (element) => {
    const english = KNOWN[element.textContent ?? ''];
    return english ? { english, after: element } : null;
  },
};

const bilingual: PageSettings = { ...pageSettingsOf(DEFAULT_SETTINGS), enabled: true, display: 'bilingual', targetLanguage: 'en' };
let lifetime = new AbortController();

function start(): void {
  lifetime = new AbortController();
  // The feature uses only the page observer and its signal.
  const context = { changes: createPageObserver(), signal: lifetime.signal, settings: bilingual } as unknown as FeatureContext;
  fixedLabels(site).start(context);
}

/** The page observer hands changes over in a microtask. */
const changesSeen = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Each hint's text with the English shown after it, if any. */
function shown(): string[] {
  return Array.from(document.querySelectorAll('span.hint'), (hint) => {
    const next = hint.nextElementSibling;
    const english = next?.localName === LABEL_TAG ? next.shadowRoot?.querySelector('.label')?.textContent : null;
    return english ? `${hint.textContent} → ${english}` : (hint.textContent ?? '');
  });
}

afterEach(() => {
  lifetime.abort();
  document.body.innerHTML = '';
});

describe('fixedLabels', () => {
  it('runs in bilingual mode into English only', () => {
    const feature = fixedLabels(site);
    expect(feature.runsWith(bilingual)).toBe('on');
    expect(feature.runsWith({ ...bilingual, display: 'hover' })).toBeNull();
    expect(feature.runsWith({ ...bilingual, display: 'off' })).toBeNull();
    expect(feature.runsWith({ ...bilingual, targetLanguage: 'de' })).toBeNull();
  });

  it('shows the English of known phrases beside them as text, and nothing for the others', () => {
    document.body.innerHTML = '<p><span class="hint">关注了你</span><span>01-14</span></p><p><span class="hint">分享了你的笔记</span></p>';
    start();
    expect(shown()).toEqual(['关注了你 → followed you', '分享了你的笔记']);
    expect(document.querySelector(LABEL_TAG)!.getAttribute('lang')).toBe('en');
  });

  it('labels phrases the page adds or changes later, and drops the label of a phrase it no longer knows', async () => {
    document.body.innerHTML = '<div id="list"><span class="hint">关注了你</span></div>';
    start();
    document.getElementById('list')!.innerHTML = '<span class="hint">赞了你的笔记</span><span class="hint">关注了你</span>';
    await changesSeen();
    expect(shown()).toEqual(['赞了你的笔记 → liked your note', '关注了你 → followed you']);
    document.querySelector('span.hint')!.textContent = '分享了你的笔记';
    await changesSeen();
    expect(shown()).toEqual(['分享了你的笔记', '关注了你 → followed you']);
    expect(document.querySelectorAll(LABEL_TAG)).toHaveLength(1);
  });

  it('puts back a label the page removed while its phrase stays', async () => {
    document.body.innerHTML = '<p><span class="hint">关注了你</span></p>';
    start();
    document.querySelector(LABEL_TAG)!.remove();
    await changesSeen();
    expect(shown()).toEqual(['关注了你 → followed you']);
  });

  it('takes every label away when it stops', () => {
    document.body.innerHTML = '<p><span class="hint">关注了你</span></p><p><span class="hint">赞了你的笔记</span></p>';
    start();
    expect(document.querySelectorAll(LABEL_TAG)).toHaveLength(2);
    lifetime.abort();
    expect(document.querySelectorAll(LABEL_TAG)).toHaveLength(0);
  });
});
