import { describe, expect, it } from 'vitest';
import type { ImageReading } from './image-reading';
import { parseWorkerResponse } from './worker-protocol';

const reading: ImageReading = {
  width: 800,
  height: 600,
  language: 'chinese',
  blocks: [{ text: '西湖一日游', bounds: { x: 40, y: 40, width: 300, height: 60 } }],
};
const timings = { loadMs: 950, decodeMs: 12, ocrMs: 1400, detectMs: 1 };
const ok = { id: 7, ok: true, reading, timings };
const failure = { id: 8, ok: false, stage: 'decode', message: 'The source image could not be decoded.' };

describe('parseWorkerResponse', () => {
  it('accepts a reading with its timings', () => {
    expect(parseWorkerResponse(ok)).toEqual(ok);
  });

  it('accepts a null load time: the models were loaded already', () => {
    const answer = { ...ok, timings: { ...timings, loadMs: null } };
    expect(parseWorkerResponse(answer)).toEqual(answer);
  });

  it('accepts zero durations', () => {
    expect(parseWorkerResponse({ ...ok, timings: { loadMs: 0, decodeMs: 0, ocrMs: 0, detectMs: 1 } })).not.toBeNull();
  });

  it.each(['load', 'decode', 'read'] as const)('accepts a failure at the %s stage', (stage) => {
    expect(parseWorkerResponse({ ...failure, stage })).toEqual({ ...failure, stage });
  });

  it('keeps only the known fields of a reading answer and its timings', () => {
    const parsed = parseWorkerResponse({ ...ok, extra: 'x', timings: { ...timings, gpuMs: 3 }, reading: { ...reading, raw: [] } });
    expect(parsed).toEqual(ok);
  });

  it('keeps only the known fields of a failure', () => {
    expect(parseWorkerResponse({ ...failure, reading, stack: 'at x' })).toEqual(failure);
  });

  it('checks the reading with parseImageReading', () => {
    expect(parseWorkerResponse({ ...ok, reading: { ...reading, language: 'korean' } })).toBeNull();
    expect(parseWorkerResponse({ ...ok, reading: { ...reading, width: 0 } })).toBeNull();
  });

  it.each([
    ['null', null],
    ['a number', 7],
    ['no id', { ok: true, reading, timings }],
    ['an id as a string', { ...ok, id: '7' }],
    ['ok as a string', { ...ok, ok: 'true' }],
    ['no ok', { id: 7, reading, timings }],
    ['no reading', { id: 7, ok: true, timings }],
    ['no timings', { id: 7, ok: true, reading }],
    ['timings that are null', { ...ok, timings: null }],
    ['a negative decode time', { ...ok, timings: { ...timings, decodeMs: -1 } }],
    ['an infinite OCR time', { ...ok, timings: { ...timings, ocrMs: Number.POSITIVE_INFINITY } }],
    ['a NaN load time', { ...ok, timings: { ...timings, loadMs: Number.NaN } }],
    ['a load time as a string', { ...ok, timings: { ...timings, loadMs: '950' } }],
    ['a missing OCR time', { ...ok, timings: { loadMs: null, decodeMs: 1, detectMs: 1 } }],
    ['a missing detection time', { ...ok, timings: { loadMs: null, decodeMs: 1, ocrMs: 1 } }],
    ['a failure at an unknown stage', { ...failure, stage: 'network' }],
    ['a failure with no stage', { id: 8, ok: false, message: 'x' }],
    ['a failure with no message', { id: 8, ok: false, stage: 'read' }],
    ['a failure whose message is an Error-like object', { ...failure, message: { message: 'x' } }],
  ])('rejects %s', (_what, data) => {
    expect(parseWorkerResponse(data)).toBeNull();
  });
});
