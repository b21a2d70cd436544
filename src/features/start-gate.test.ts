import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, pageSettingsOf, type PageSettings } from '../settings/schema';
import { createStartGate, type ParsingDocument } from './start-gate';

const answer: PageSettings = pageSettingsOf(DEFAULT_SETTINGS);
const broadcast: PageSettings = { ...answer, display: 'hover' };

/** A document that is still being parsed until `finishParsing()`. */
function parsingDocument(readyState: DocumentReadyState = 'loading') {
  const events = new EventTarget();
  const doc = {
    readyState,
    addEventListener: events.addEventListener.bind(events),
  } as ParsingDocument;
  return { doc, finishParsing: () => events.dispatchEvent(new Event('DOMContentLoaded')) };
}

describe('createStartGate', () => {
  it('waits for the parsed DOM when the settings come first', () => {
    const { doc, finishParsing } = parsingDocument();
    const start = vi.fn();
    const gate = createStartGate(start, doc);
    gate.answered(answer);
    expect(start).not.toHaveBeenCalled();
    finishParsing();
    expect(start).toHaveBeenCalledExactlyOnceWith(answer);
  });

  it('waits for the settings when the DOM is parsed first', () => {
    const { doc, finishParsing } = parsingDocument();
    const start = vi.fn();
    const gate = createStartGate(start, doc);
    finishParsing();
    expect(start).not.toHaveBeenCalled();
    gate.answered(answer);
    expect(start).toHaveBeenCalledExactlyOnceWith(answer);
  });

  it('starts at once with the settings on a page that was parsed before it was injected', () => {
    const { doc } = parsingDocument('interactive');
    const start = vi.fn();
    createStartGate(start, doc).answered(answer);
    expect(start).toHaveBeenCalledExactlyOnceWith(answer);
  });

  it('keeps a settings broadcast that arrived while the first request was on its way', () => {
    const { doc, finishParsing } = parsingDocument();
    const start = vi.fn();
    const gate = createStartGate(start, doc);
    gate.changed(broadcast);
    gate.answered(answer);
    finishParsing();
    expect(start).toHaveBeenCalledExactlyOnceWith(broadcast);
    expect(gate.settings).toBe(broadcast);
  });

  it('passes every later broadcast, and the same settings again on reapply', () => {
    const { doc } = parsingDocument('complete');
    const start = vi.fn();
    const gate = createStartGate(start, doc);
    gate.reapply();
    expect(start).not.toHaveBeenCalled();
    gate.answered(answer);
    gate.changed(broadcast);
    gate.reapply();
    expect(start.mock.calls).toEqual([[answer], [broadcast], [broadcast]]);
  });
});
