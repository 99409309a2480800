import { VIN_BARCODE_FORMATS } from './vin-from-barcode';

/** What the scanner needs from a barcode detector: the native one and the polyfill both fit. */
export interface VinBarcodeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): VinBarcodeDetector;
  getSupportedFormats(): Promise<string[]>;
}

function nativeDetectorClass(): NativeDetectorClass | undefined {
  const candidate: unknown = Reflect.get(globalThis, 'BarcodeDetector');
  return typeof candidate === 'function' ? (candidate as NativeDetectorClass) : undefined;
}

/**
 * A detector for VIN barcodes: the browser's own BarcodeDetector when it reads the VIN
 * formats (Android, ChromeOS, macOS), else the ZXing WebAssembly polyfill (Chromium on Linux
 * and Windows, Firefox). The polyfill and its .wasm are loaded only when a scan starts, and the
 * .wasm comes from this app's own build (`?url`): never from a CDN, the kiosk's CSP forbids it
 * and a dealer's network may too.
 */
export async function createVinBarcodeDetector(): Promise<VinBarcodeDetector> {
  const Native = nativeDetectorClass();
  if (Native) {
    const supported: string[] = await Native.getSupportedFormats().catch(() => []);
    const formats = VIN_BARCODE_FORMATS.filter((format) => supported.includes(format));
    if (formats.length === VIN_BARCODE_FORMATS.length) return new Native({ formats });
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? wasmUrl : prefix + path,
    },
  });
  return new BarcodeDetector({ formats: [...VIN_BARCODE_FORMATS] });
}
