/** Values the build writes into the code (wxt.config.ts `vite.define`). */
interface ImportMetaEnv {
  /** The bytes of the OCR models and runtime packaged in the extension (src/ocr/packaged-files.ts). */
  readonly OCR_PACKAGED_BYTES: number;
}
