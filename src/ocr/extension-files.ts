/**
 * The OCR files as a worker reads them: from the extension's own `ocr/` folder next to the
 * worker's script (src/ocr/packaged-files.ts), never the network.
 */
import * as ort from 'onnxruntime-web/wasm';
import { OCR_FILES, type PackagedFile } from './packaged-files';

async function fetchFile(base: string, file: PackagedFile): Promise<Response> {
  const url = new URL(`/${file.dest}`, base);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return response;
}

export async function fileBytes(base: string, file: PackagedFile): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchFile(base, file)).arrayBuffer());
}

export async function fileText(base: string, file: PackagedFile): Promise<string> {
  return (await fetchFile(base, file)).text();
}

/** onnxruntime-web loads its WASM, and the script that starts it, from the extension's own copies. */
export function useExtensionWasm(base: string): void {
  const href = (file: PackagedFile) => new URL(`/${file.dest}`, base).href;
  ort.env.wasm.wasmPaths = { mjs: href(OCR_FILES.wasmLoader), wasm: href(OCR_FILES.wasm) };
}
