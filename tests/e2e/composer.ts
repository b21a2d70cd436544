import type { ElementHandle, Page } from 'puppeteer';

/** A query for a control by its accessible role and name, as assistive technology sees it. */
export function control(role: string, name: string): string {
  return `::-p-aria([name="${name}"][role="${role}"])`;
}

/**
 * The composer's dock, inside its shadow root. Accessibility queries start from it: Firefox's
 * WebDriver BiDi finds nodes by role and name only below a start node in the same tree.
 */
export async function dockOf(page: Page): Promise<ElementHandle> {
  const dock = await page.waitForSelector('pierce/div.dock', { timeout: 10_000 });
  if (!dock) throw new Error('no RedBridge composer in the page');
  return dock;
}

/** One of the composer's controls, found by role and accessible name. */
export async function composerControl(page: Page, role: string, name: string): Promise<ElementHandle> {
  const dock = await dockOf(page);
  const found = await dock.waitForSelector(control(role, name), { timeout: 10_000 });
  if (!found) throw new Error(`no ${role} named "${name}" in the composer`);
  return found as ElementHandle;
}

/** What the composer panel shows. */
export interface PanelView {
  open: boolean;
  /** The draft has been loaded. */
  ready: boolean;
  english: string | null;
  chinese: string | null;
  back: string | null;
  status: string | null;
  note: string | null;
  target: string | null;
  saved: string | null;
  /** The focused control inside the composer: `<tag>` plus its class, or null when focus is elsewhere. */
  focused: string | null;
}

export function readPanel(page: Page): Promise<PanelView> {
  return page.evaluate(() => {
    const root = document.querySelector('redbridge-composer')?.shadowRoot;
    const panel = root?.querySelector('section.panel');
    const areas = Array.from(panel?.querySelectorAll('textarea') ?? []);
    const active = root?.activeElement;
    return {
      open: !!panel,
      ready: panel?.getAttribute('data-ready') === 'true',
      english: areas[0]?.value ?? null,
      chinese: areas[1]?.value ?? null,
      back: panel?.querySelector('.back')?.textContent ?? null,
      status: panel?.querySelector('.status')?.textContent ?? null,
      note: panel?.querySelector('.note')?.textContent ?? null,
      target: panel?.querySelector('.target')?.textContent ?? null,
      saved: panel?.querySelector('.saved')?.textContent ?? null,
      focused: active ? `${active.localName}${active.className ? `.${active.className}` : ''}` : null,
    };
  });
}

/** Waits until the panel shows what `ready` looks for; fails with the last view seen. */
export async function waitForPanel(page: Page, ready: (view: PanelView) => boolean, timeoutMs = 20_000): Promise<PanelView> {
  const deadline = Date.now() + timeoutMs;
  let view = await readPanel(page);
  while (!ready(view)) {
    if (Date.now() > deadline) throw new Error(`the composer never got there; it shows ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = await readPanel(page);
  }
  return view;
}

/** The comments the fixture page has posted (`window.__fixture.posted`). */
export interface PostedComment {
  text: string;
  noteId: string;
  replyTo: { commentId: string; rootCommentId: string; nickname: string } | null;
}

export function postedComments(page: Page): Promise<PostedComment[]> {
  return page.evaluate(() => (window as unknown as { __fixture: { posted: PostedComment[] } }).__fixture.posted);
}

/** What RedNote's own comment box holds, and whether its 发送 button is enabled. */
export function commentBox(page: Page): Promise<{ text: string; sendEnabled: boolean }> {
  return page.evaluate(() => ({
    text: (document.querySelector('#content-textarea') as HTMLElement).innerText,
    sendEnabled: !(document.querySelector('.right-btn-area .btn.submit') as HTMLButtonElement).disabled,
  }));
}

/** Types into the composer's English box, replacing what it held. */
export async function typeEnglish(page: Page, text: string): Promise<void> {
  const box = await composerControl(page, 'textbox', 'Your reply in English');
  await box.focus();
  await box.evaluate((area) => (area as HTMLTextAreaElement).select());
  await box.type(text);
}
