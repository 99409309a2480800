import { PDFObject } from 'pdf-lib';

/**
 * A direct PDF value written once and then copied as bytes into every document: for large
 * values that never change (a font's widths array), which pdf-lib would otherwise turn back
 * into text, number by number, on every save. Immutable, so every document shares it.
 */
export class PreserializedValue extends PDFObject {
  private constructor(private readonly bytes: Uint8Array) {
    super();
  }

  /** Freezes `value` as it serializes now. */
  static of(value: PDFObject): PreserializedValue {
    const bytes = new Uint8Array(value.sizeInBytes());
    value.copyBytesInto(bytes, 0);
    return new PreserializedValue(bytes);
  }

  override clone(): PreserializedValue {
    return this;
  }

  override toString(): string {
    return new TextDecoder('latin1').decode(this.bytes);
  }

  override sizeInBytes(): number {
    return this.bytes.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    buffer.set(this.bytes, offset);
    return this.bytes.length;
  }
}
