/** Blank-insensitive form used to compare what a box holds with what was typed. */
export function comparableText(text: string): string {
  return text.replace(/[\u200b\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

/** What an editable element shows as text, as the page reads it (`innerText`, with line breaks). */
export function editableText(box: HTMLElement): string {
  return box.innerText ?? box.textContent ?? '';
}

export type TypeResult = { ok: true } | { ok: false; found: string };

function selectContents(box: HTMLElement, collapseToEnd: boolean): void {
  const selection = box.ownerDocument.getSelection();
  if (!selection) return;
  const range = box.ownerDocument.createRange();
  range.selectNodeContents(box);
  if (collapseToEnd) range.collapse(false);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Puts `text` into a page's contenteditable box the way typing does: the box is focused, what
 * it held is selected and replaced through the browser's own editing command, so the page gets
 * real `beforeinput`/`input` events (RedNote enables 发送 only on those) and the edit joins the
 * undo history. The caret ends after the text. Then the box is read back: a page that rejected
 * or rewrote the text gets `{ ok: false, found }`, so the caller can offer the clipboard instead.
 */
export function typeIntoEditable(box: HTMLElement, text: string): TypeResult {
  box.focus();
  selectContents(box, false);
  // execCommand is deprecated but still the only way to edit "as the user" in every browser.
  // When it does nothing (a page that cancels input), the box is left as the page keeps it:
  // writing into it behind the page's back is what leaves other tools' boxes broken.
  box.ownerDocument.execCommand('insertText', false, text);
  selectContents(box, true);
  const found = editableText(box);
  return comparableText(found) === comparableText(text) ? { ok: true } : { ok: false, found };
}

/** Writes `text` to the clipboard; false when the browser refused (no permission, no focus). */
export async function copyText(text: string, scratchParent: Node): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older rules: a selected textarea and the copy command, inside our own shadow root.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    scratchParent.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}
