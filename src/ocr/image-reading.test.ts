import { describe, expect, it } from 'vitest';
import { ocrLine } from '../../tests/unit/ocr-lines';
import { MAX_BLOCK_TEXT, MAX_BLOCKS, MAX_IMAGE_SIDE, parseImageReading, readingOf, type ImageReading } from './image-reading';
import { translatableBlocks } from './translatable';

describe('readingOf', () => {
  it('gives the Chinese blocks of an image, each with its text and bounds, and the image size', () => {
    const lines = [
      ocrLine('西湖一日游', 40, 40, 300, 60),
      ocrLine('Day 1 · Hangzhou', 40, 160, 320, 40),
      ocrLine('记得带伞', 40, 400, 160, 40),
    ];
    const reading = readingOf(lines, 800, 600);
    expect(reading).toEqual({
      width: 800,
      height: 600,
      language: 'chinese',
      blocks: [
        { text: '西湖一日游', bounds: { x: 40, y: 40, width: 300, height: 60 } },
        { text: '记得带伞', bounds: { x: 40, y: 400, width: 160, height: 40 } },
      ],
    });
  });

  it('keeps only text and bounds of each block, so no OCR lines cross contexts', () => {
    const reading = readingOf([ocrLine('西湖一日游', 40, 40, 300, 60)], 800, 600);
    expect(reading.blocks).toHaveLength(1);
    expect(Object.keys(reading.blocks[0] ?? {}).sort()).toEqual(['bounds', 'text']);
  });

  it('copies the bounds rather than sharing the block’s rectangle', () => {
    const lines = [ocrLine('西湖一日游', 40, 40, 300, 60)];
    const reading = readingOf(lines, 800, 600);
    const [block] = translatableBlocks(lines);
    expect(reading.blocks[0]?.bounds).toEqual(block?.bounds);
    reading.blocks[0]!.bounds.x = 999;
    // A second reading of the same lines is unaffected by the first one's mutation.
    expect(readingOf(lines, 800, 600).blocks[0]?.bounds.x).toBe(40);
  });

  it('says japanese, with no blocks, for an image with kana', () => {
    expect(readingOf([ocrLine('東京のカフェ', 40, 40, 240, 40)], 800, 600)).toEqual({
      width: 800,
      height: 600,
      language: 'japanese',
      blocks: [],
    });
  });

  it('says none for an image with no Chinese, or no text at all', () => {
    expect(readingOf([ocrLine('Day 1 · Hangzhou', 40, 160, 320, 40), ocrLine('¥200', 40, 240, 80, 40)], 800, 600)).toEqual({
      width: 800,
      height: 600,
      language: 'none',
      blocks: [],
    });
    expect(readingOf([], 320, 240)).toEqual({ width: 320, height: 240, language: 'none', blocks: [] });
  });

  it('makes readings that parseImageReading accepts unchanged', () => {
    const reading = readingOf([ocrLine('西湖一日游', 40, 40, 300, 60), ocrLine('记得带伞', 40, 400, 160, 40)], 800, 600);
    expect(parseImageReading(JSON.parse(JSON.stringify(reading)))).toEqual(reading);
  });
});

describe('parseImageReading', () => {
  const block = { text: '西湖一日游', bounds: { x: 40, y: 40, width: 300, height: 60 } };
  const valid: ImageReading = { width: 800, height: 600, language: 'chinese', blocks: [block] };

  it('accepts a well-formed reading of each language', () => {
    expect(parseImageReading(valid)).toEqual(valid);
    expect(parseImageReading({ width: 800, height: 600, language: 'japanese', blocks: [] })).toEqual({
      width: 800,
      height: 600,
      language: 'japanese',
      blocks: [],
    });
    expect(parseImageReading({ width: 1, height: MAX_IMAGE_SIDE, language: 'none', blocks: [] })).not.toBeNull();
  });

  it('drops fields it does not know, at the top and in blocks', () => {
    const parsed = parseImageReading({
      ...valid,
      html: '<img onerror=x>',
      blocks: [{ ...block, lines: ['x'], bounds: { ...block.bounds, rotation: 3 } }],
    });
    expect(parsed).toEqual(valid);
  });

  it('accepts a box that sticks out past the image edges but still overlaps it', () => {
    const bounds = { x: -10, y: -5, width: 50, height: 40 };
    expect(parseImageReading({ ...valid, blocks: [{ text: '好', bounds }] })?.blocks[0]?.bounds).toEqual(bounds);
    const farEdge = { x: 790, y: 590, width: 40, height: 40 };
    expect(parseImageReading({ ...valid, blocks: [{ text: '好', bounds: farEdge }] })).not.toBeNull();
  });

  it('accepts the most blocks and the longest text allowed', () => {
    const blocks = Array.from({ length: MAX_BLOCKS }, () => ({ text: '字'.repeat(MAX_BLOCK_TEXT), bounds: block.bounds }));
    expect(parseImageReading({ ...valid, blocks })?.blocks).toHaveLength(MAX_BLOCKS);
  });

  it.each([
    ['null', null],
    ['a string', JSON.stringify(valid)],
    ['a zero width', { ...valid, width: 0 }],
    ['a negative height', { ...valid, height: -600 }],
    ['a width larger than any image read', { ...valid, width: MAX_IMAGE_SIDE + 1 }],
    ['a NaN height', { ...valid, height: Number.NaN }],
    ['an infinite width', { ...valid, width: Number.POSITIVE_INFINITY }],
    ['a width as a string', { ...valid, width: '800' }],
    ['an unknown language', { ...valid, language: 'korean' }],
    ['no language', { width: 800, height: 600, blocks: [] }],
    ['blocks that are not an array', { ...valid, blocks: block }],
    ['one block too many', { ...valid, blocks: Array.from({ length: MAX_BLOCKS + 1 }, () => block) }],
    ['a block that is null', { ...valid, blocks: [null] }],
    ['a block with no text', { ...valid, blocks: [{ bounds: block.bounds }] }],
    ['a block with blank text', { ...valid, blocks: [{ ...block, text: ' \n ' }] }],
    ['a block with text too long', { ...valid, blocks: [{ ...block, text: '字'.repeat(MAX_BLOCK_TEXT + 1) }] }],
    ['a block with no bounds', { ...valid, blocks: [{ text: '好' }] }],
    ['bounds with a missing side', { ...valid, blocks: [{ text: '好', bounds: { x: 1, y: 1, width: 10 } }] }],
    ['bounds with a NaN', { ...valid, blocks: [{ text: '好', bounds: { ...block.bounds, x: Number.NaN } }] }],
    ['bounds with a zero width', { ...valid, blocks: [{ text: '好', bounds: { ...block.bounds, width: 0 } }] }],
    ['bounds with a negative height', { ...valid, blocks: [{ text: '好', bounds: { ...block.bounds, height: -4 } }] }],
    ['bounds right of the image', { ...valid, blocks: [{ text: '好', bounds: { x: 800, y: 0, width: 10, height: 10 } }] }],
    ['bounds below the image', { ...valid, blocks: [{ text: '好', bounds: { x: 0, y: 600, width: 10, height: 10 } }] }],
    ['bounds left of the image', { ...valid, blocks: [{ text: '好', bounds: { x: -20, y: 0, width: 20, height: 10 } }] }],
    ['bounds above the image', { ...valid, blocks: [{ text: '好', bounds: { x: 0, y: -30, width: 10, height: 30 } }] }],
    ['a japanese reading with blocks', { ...valid, language: 'japanese' }],
    ['a none reading with blocks', { ...valid, language: 'none' }],
  ])('rejects %s', (_what, value) => {
    expect(parseImageReading(value)).toBeNull();
  });
});
