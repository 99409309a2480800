import type { IssuedDocument } from '@comptoir/shared';

/** How one sheet is rendered. */
export interface RenderOptions {
  /** ORIGINAL only for the first sheet of a document never printed before. */
  mark: 'original' | 'copy';
  /** The public verification URL the QR code carries. */
  qrUrl: string;
  /** PDF for page printers, ESC/POS for thermal receipt printers. */
  format: 'pdf' | 'escpos';
}

/**
 * Turns a verified document into printer bytes from the agent's own templates (the shared
 * layouts): the agent never prints a PDF a client sent.
 */
export interface DocumentRenderer {
  render(document: IssuedDocument, options: RenderOptions): Promise<Uint8Array>;
}
