import type { IssuedDocument } from '@comptoir/shared';

/**
 * Renders the watermarked PREVIEW / APERÇU PDF of a document with the shared layouts (the
 * same the print agent uses), loaded only when a document is opened so the home screen
 * stays light. Returns an object URL (the caller revokes it), or undefined when rendering
 * failed (the screen then shows the document's data).
 */
export async function renderPreviewPdf(
  document: IssuedDocument,
  qrToken: string | undefined,
): Promise<string | undefined> {
  try {
    const [{ renderDocumentPdf }, { documentVerificationUrl }] = await Promise.all([
      import('@comptoir/shared/documents'),
      import('@comptoir/shared/tokens'),
    ]);
    const origin = window.location.origin;
    const qrUrl = documentVerificationUrl(origin, document.number, qrToken);
    const bytes = await renderDocumentPdf(document, { mark: 'preview', qrUrl });
    const buffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    return URL.createObjectURL(new Blob([buffer], { type: 'application/pdf' }));
  } catch {
    return undefined;
  }
}
