/**
 * How a document is rendered. Only the print agent renders `original`; a reprint is `copy`;
 * the kiosk's preview and "Download PDF" are `preview`.
 */
export interface RenderOptions {
  mark: 'original' | 'copy' | 'preview';
  /** The verification URL the QR code opens (see `documentVerificationUrl`). */
  qrUrl: string;
  /** Issued by a kiosk while the server was unreachable (planned offline issuance). */
  issuedOffline?: boolean;
}
