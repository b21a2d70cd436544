/**
 * Puts `text` into a page's plain `<input>` the way typing does: focused, its value set through
 * the prototype's own setter and then announced with an `input` event, which is what frameworks
 * listen to (Vue's v-model reads the value on `input`; setting it without the event leaves the
 * page's model holding the old text). Returns whether the box holds the text afterwards.
 * For a contenteditable box, see type-text.ts.
 */
export function typeIntoInput(input: HTMLInputElement, text: string): boolean {
  input.focus();
  // The prototype's setter, not a property an app may have put on the element itself.
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (setValue) setValue.call(input, text);
  else input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return input.value === text;
}

/** Presses Enter on `target` as a keyboard does (keydown, then keyup), for a page that searches on Enter. */
export function pressEnter(target: HTMLElement): void {
  const init: KeyboardEventInit = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true };
  target.dispatchEvent(new KeyboardEvent('keydown', init));
  target.dispatchEvent(new KeyboardEvent('keyup', init));
}
