// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { COMPOSER_TAG, OVERLAY_TAG, POPOVER_TAG, removeOwnNodes } from './own-nodes';

describe('removeOwnNodes', () => {
  afterEach(() => document.body.replaceChildren());

  it('removes an earlier version’s overlays, dock and popover and nothing of the page', () => {
    document.body.innerHTML = `
      <div class="note"><span class="note-text">今天去了外滩</span><${OVERLAY_TAG}></${OVERLAY_TAG}></div>
      <div class="engage-bar"><${COMPOSER_TAG}></${COMPOSER_TAG}><div class="input-box">说点什么</div></div>
      <${POPOVER_TAG}></${POPOVER_TAG}>`;

    expect(removeOwnNodes()).toBe(3);

    expect(document.querySelector([OVERLAY_TAG, COMPOSER_TAG, POPOVER_TAG].join(','))).toBeNull();
    expect(document.querySelector('.note-text')!.textContent).toBe('今天去了外滩');
    expect(document.querySelector('.input-box')).not.toBeNull();
  });
});
