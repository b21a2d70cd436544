import { describe, expect, it } from 'vitest';
import { ocrLayout } from './ocr-layout';

describe('ocrLayout', () => {
  it('runs one session on two threads where memory may be shared (Chrome), with no second worker', () => {
    expect(ocrLayout(true, 2)).toEqual({ threads: 2, recogniserWorker: false });
    expect(ocrLayout(true, 16)).toEqual({ threads: 2, recogniserWorker: false });
  });

  it('runs one thread and a second worker for lines where it may not (Firefox), on two cores or more', () => {
    expect(ocrLayout(false, 2)).toEqual({ threads: 1, recogniserWorker: true });
    expect(ocrLayout(false, 8)).toEqual({ threads: 1, recogniserWorker: true });
  });

  it('keeps to one thread and one worker on one core, or when the browser does not say', () => {
    expect(ocrLayout(false, 1)).toEqual({ threads: 1, recogniserWorker: false });
    expect(ocrLayout(true, 1)).toEqual({ threads: 1, recogniserWorker: false });
    expect(ocrLayout(false, 0)).toEqual({ threads: 1, recogniserWorker: false });
  });
});
