import {
  PDFContentStream,
  PDFName,
  PDFRawStream,
  type PDFContext,
  type PDFDict,
  type PDFRef,
} from 'pdf-lib';

/** zlib-deflates bytes with the runtime's own compressor (Node 20 and browsers alike). */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Deflates, all at once and natively, every stream of the document still uncompressed: page
 * contents (pdf-lib would deflate them in JavaScript on save, allocating its whole window
 * each time) and our own raw streams without a filter (the QR code). Call it last: a content
 * stream replaced here no longer receives what is drawn afterwards.
 */
export async function deflateStreams(context: PDFContext): Promise<void> {
  const pending: Promise<void>[] = [];
  const filter = PDFName.of('Filter');
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    let contents: Uint8Array | undefined;
    if (object instanceof PDFContentStream) contents = object.getUnencodedContents();
    else if (object instanceof PDFRawStream && !object.dict.has(filter)) contents = object.contents;
    if (contents === undefined) continue;
    const dict = object instanceof PDFRawStream ? object.dict : undefined;
    pending.push(replaceWithDeflated(context, ref, contents, dict));
  }
  await Promise.all(pending);
}

async function replaceWithDeflated(
  context: PDFContext,
  ref: PDFRef,
  contents: Uint8Array,
  dict: PDFDict | undefined,
): Promise<void> {
  const deflated = await deflate(contents);
  const streamDict = dict ?? context.obj({});
  streamDict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  context.assign(ref, PDFRawStream.of(streamDict, deflated));
}
