// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { comparableText, typeIntoEditable } from './type-text';

describe('comparableText', () => {
  it('drops zero-width spaces and byte-order marks', () => {
    expect(comparableText('\u200b你好\u200b世界\ufeff')).toBe('你好世界');
  });

  it('turns runs of blanks (no-break spaces, newlines, tabs) into one space', () => {
    expect(comparableText('谢谢\u00a0你\n\n的\t \r\n攻略')).toBe('谢谢 你 的 攻略');
  });

  it('trims blanks (and zero-width characters) at both ends', () => {
    expect(comparableText('  \n\u00a0好呀\u200b \n')).toBe('好呀');
    expect(comparableText('\u200b')).toBe('');
  });

  it('keeps everything else as it is', () => {
    expect(comparableText('回复 @小熊软糖：好的！[赞R]')).toBe('回复 @小熊软糖：好的！[赞R]');
  });
});

/**
 * happy-dom has no `document.execCommand` at all (calling it throws "is not a function"), so the
 * tests give it one that does what a browser's `insertText` does: `beforeinput` (cancelable;
 * cancelled means nothing happens), the selection's contents replaced by the text, the caret
 * after it, then `input`.
 */
function browserLikeInsertText(this: Document, command: string, _showUi?: boolean, value?: string): boolean {
  if (command !== 'insertText') return false;
  const selection = this.getSelection();
  if (!selection || selection.rangeCount === 0) return false;
  const range = selection.getRangeAt(0);
  const editable = (range.commonAncestorContainer instanceof Element
    ? range.commonAncestorContainer
    : range.commonAncestorContainer.parentElement
  )?.closest<HTMLElement>('[contenteditable="true"]');
  if (!editable) return false;
  const init = { inputType: 'insertText', data: value ?? '', bubbles: true, cancelable: true, composed: true };
  if (!editable.dispatchEvent(new InputEvent('beforeinput', init))) return false;
  range.deleteContents();
  const text = this.createTextNode(value ?? '');
  range.insertNode(text);
  range.setStartAfter(text);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
  editable.dispatchEvent(new InputEvent('input', { ...init, cancelable: false }));
  return true;
}

describe('typeIntoEditable', () => {
  let box: HTMLElement;
  let outside: HTMLElement;

  beforeEach(() => {
    document.body.innerHTML =
      '<div class="input-box"><p id="content-textarea" class="content-input" contenteditable="true"><span>旧的</span>草稿</p></div>' +
      '<p id="outside">页面别处</p>';
    box = document.getElementById('content-textarea')!;
    outside = document.getElementById('outside')!;
  });

  afterEach(() => {
    // The stub is an own property of this document; the prototype (happy-dom's) has none.
    delete (document as Partial<Document>).execCommand;
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('needs a stub: happy-dom has no execCommand', () => {
    // If this starts failing, happy-dom implements insertText and the stub below may be dropped.
    expect((document as Partial<Document>).execCommand).toBeUndefined();
  });

  describe('in a browser-like document', () => {
    beforeEach(() => {
      document.execCommand = vi.fn(browserLikeInsertText);
    });

    it('replaces what the box held with the text, through insertText, and reports ok', () => {
      const result = typeIntoEditable(box, '谢谢你的攻略！');
      expect(result).toEqual({ ok: true });
      expect(box.textContent).toBe('谢谢你的攻略！');
      expect(box.querySelector('span')).toBeNull();
      expect(document.execCommand).toHaveBeenCalledWith('insertText', false, '谢谢你的攻略！');
      expect(outside.textContent).toBe('页面别处');
    });

    it('focuses the box and lets the page see beforeinput and input, as typing does', () => {
      const seen: string[] = [];
      box.addEventListener('beforeinput', (event) => seen.push(`beforeinput:${(event as InputEvent).inputType}`));
      box.addEventListener('input', (event) => seen.push(`input:${(event as InputEvent).data}:${box.textContent}`));
      typeIntoEditable(box, '好呀');
      expect(seen).toEqual(['beforeinput:insertText', 'input:好呀:好呀']);
      expect(document.activeElement).toBe(box);
    });

    it('leaves the caret collapsed at the end of the box', () => {
      typeIntoEditable(box, '冲鸭');
      const selection = document.getSelection()!;
      expect(selection.rangeCount).toBe(1);
      expect(selection.isCollapsed).toBe(true);
      const caret = selection.getRangeAt(0);
      const end = document.createRange();
      end.selectNodeContents(box);
      end.collapse(false);
      expect(caret.compareBoundaryPoints(Range.START_TO_START, end)).toBe(0);
      expect(caret.startContainer === box || box.contains(caret.startContainer)).toBe(true);
    });

    it('reports what the box holds when the page clears it on input', () => {
      box.addEventListener('input', () => {
        box.textContent = '';
      });
      expect(typeIntoEditable(box, '谢谢')).toEqual({ ok: false, found: '' });
    });

    it('reports what the box holds when the page rewrites the text', () => {
      box.addEventListener('input', () => {
        box.textContent = '谢谢（已过滤）';
      });
      expect(typeIntoEditable(box, '谢谢')).toEqual({ ok: false, found: '谢谢（已过滤）' });
    });

    it('accepts a box that differs from the text only in blanks and zero-width characters', () => {
      box.addEventListener('input', () => {
        box.textContent = `\u200b${box.textContent}\u00a0`;
      });
      expect(typeIntoEditable(box, '好的 谢谢')).toEqual({ ok: true });
    });

    it('leaves the box as the page keeps it when the page cancels beforeinput', () => {
      box.addEventListener('beforeinput', (event) => event.preventDefault());
      const before = box.innerHTML;
      expect(typeIntoEditable(box, '谢谢')).toEqual({ ok: false, found: '旧的草稿' });
      expect(box.innerHTML).toBe(before);
    });
  });

  it('leaves the box untouched and reports not ok when execCommand does nothing', () => {
    const execCommand = vi.fn(() => false);
    document.execCommand = execCommand;
    const input = vi.fn();
    box.addEventListener('input', input);
    const before = box.innerHTML;

    const result = typeIntoEditable(box, '谢谢你的攻略！');

    expect(execCommand).toHaveBeenCalledTimes(1);
    expect(result.ok).toBe(false);
    expect(result).toEqual({ ok: false, found: '旧的草稿' });
    expect(box.innerHTML).toBe(before);
    expect(input).not.toHaveBeenCalled();
  });
});
