import { describe, expect, it } from 'vitest';
import { ocrLine } from '../../tests/unit/ocr-lines';
import { continuesBlock, joinLineTexts, mergeBlocks, startsWithListMarker } from './blocks';
import type { OcrBlock } from './types';

const line = ocrLine;

const texts = (blocks: readonly OcrBlock[]): string[] => blocks.map((block) => block.text);

describe('mergeBlocks', () => {
  it('makes a centred title over two lines one block', () => {
    const blocks = mergeBlocks([line('上海周末去哪儿', 100, 40, 420, 60), line('这三家店必去', 130, 110, 360, 60)]);
    expect(texts(blocks)).toEqual(['上海周末去哪儿这三家店必去']);
    expect(blocks[0]?.lines).toHaveLength(2);
  });

  it('gives each item of a numbered list its own block', () => {
    const items = ['1. 先去外滩', '2. 再去武康路', '3. 最后吃本帮菜'].map((text, index) => line(text, 40, 300 + index * 40, 400, 30));
    expect(texts(mergeBlocks(items))).toEqual(['1. 先去外滩', '2. 再去武康路', '3. 最后吃本帮菜']);
  });

  it('keeps a wrapped list item together while the next item starts a new block', () => {
    const lines = [
      line('① 咖啡很好喝，推荐', 40, 300, 400, 30),
      line('拿铁和手冲', 70, 340, 200, 30),
      line('② 甜品一般', 40, 380, 300, 30),
    ];
    expect(texts(mergeBlocks(lines))).toEqual(['① 咖啡很好喝，推荐拿铁和手冲', '② 甜品一般']);
  });

  it('treats an X read for ❌ as a list marker', () => {
    const lines = [line('✅ 要买防晒', 40, 300, 300, 30), line('X不要买面膜', 40, 340, 300, 30)];
    expect(mergeBlocks(lines)).toHaveLength(2);
  });

  it('keeps a caption far below the title as its own block', () => {
    const blocks = mergeBlocks([line('我的咖啡日记', 100, 40, 400, 60), line('今天的拿铁很好喝', 100, 800, 400, 60)]);
    expect(texts(blocks)).toEqual(['我的咖啡日记', '今天的拿铁很好喝']);
  });

  it('keeps a small line under a big title apart: the heights differ', () => {
    expect(mergeBlocks([line('大标题', 100, 40, 400, 80), line('小字说明', 100, 130, 200, 30)])).toHaveLength(2);
  });

  it('keeps stickers side by side in one row as separate blocks', () => {
    const stickers = [line('好吃', 20, 100, 120, 40), line('好看', 200, 104, 120, 40), line('好玩', 380, 98, 120, 40)];
    expect(texts(mergeBlocks(stickers))).toEqual(['好吃', '好看', '好玩']);
  });

  it('does not join a title to either of two stickers under it', () => {
    const lines = [line('周末好去处', 20, 40, 480, 40), line('公园', 20, 90, 150, 40), line('书店', 300, 90, 150, 40)];
    expect(texts(mergeBlocks(lines))).toEqual(['周末好去处', '公园', '书店']);
  });

  it('merges each of two columns down its own side', () => {
    const lines = [
      line('左栏第一行', 20, 100, 200, 30),
      line('右栏第一行', 300, 100, 200, 30),
      line('左栏第二行', 20, 140, 200, 30),
      line('右栏第二行', 300, 140, 200, 30),
    ];
    expect(texts(mergeBlocks(lines))).toEqual(['左栏第一行左栏第二行', '右栏第一行右栏第二行']);
  });

  it('joins Latin lines with one space and Chinese lines with none', () => {
    const blocks = mergeBlocks([
      line('Coffee and', 20, 20, 300, 40),
      line('good vibes', 20, 70, 300, 40),
      line('今天也要', 20, 400, 300, 40),
      line('好好生活', 20, 450, 300, 40),
    ]);
    expect(texts(blocks)).toEqual(['Coffee and good vibes', '今天也要好好生活']);
  });

  it('gives a block the union of its lines\' bounds', () => {
    const [block] = mergeBlocks([line('上海周末去哪儿', 100, 40, 420, 60), line('这三家店必去', 130, 110, 360, 60)]);
    expect(block?.bounds).toEqual({ x: 100, y: 40, width: 420, height: 130 });
  });

  it('gives the same blocks whatever order the lines come in', () => {
    const lines = [line('第一行', 20, 20, 300, 40), line('第二行', 20, 70, 300, 40), line('旁边', 500, 20, 100, 40)];
    expect(texts(mergeBlocks([...lines].reverse()))).toEqual(texts(mergeBlocks(lines)));
  });
});

describe('continuesBlock', () => {
  const last = { x: 0, y: 0, width: 300, height: 40 };
  it('takes a gap just under one line height (captions set at 1.5× line spacing) and refuses one at it', () => {
    expect(continuesBlock(last, { x: 0, y: 79, width: 300, height: 40 })).toBe(true);
    expect(continuesBlock(last, { x: 0, y: 80, width: 300, height: 40 })).toBe(false);
  });

  it('refuses a line whose left edge and centre are both more than a line height away', () => {
    expect(continuesBlock(last, { x: 45, y: 50, width: 100, height: 40 })).toBe(false);
    expect(continuesBlock(last, { x: 40, y: 50, width: 100, height: 40 })).toBe(true);
  });
});

describe('startsWithListMarker', () => {
  it('sees numbers, circled numbers, bullets, check marks and Day numbers', () => {
    for (const text of ['1.先去', '2、再去', '3) 然后', '4）最后', '⑳ 末尾', '• 一点', '· 一点', '- 一点', '✅好', '❌坏', '✔️对', '👉 看这里', '📍上海', 'Day1 到达', 'DAY 2']) {
      expect(startsWithListMarker(text), text).toBe(true);
    }
  });

  it('does not take a decimal, a year, a negative number or plain text for a marker', () => {
    for (const text of ['1.5倍速', '2024年', '-50%', '今天', 'Daytime', 'X光片']) {
      expect(startsWithListMarker(text), text).toBe(false);
    }
  });
});

describe('joinLineTexts', () => {
  it('puts a space between a Latin end and a Latin start only', () => {
    expect(joinLineTexts(['Hello,', 'world'])).toBe('Hello, world');
    expect(joinLineTexts(['iPhone', '15 Pro'])).toBe('iPhone 15 Pro');
    expect(joinLineTexts(['价格200', '元'])).toBe('价格200元');
    expect(joinLineTexts(['喝了一杯', 'Latte'])).toBe('喝了一杯Latte');
    expect(joinLineTexts([' 前后有空格 ', '也没关系'])).toBe('前后有空格也没关系');
  });
});
