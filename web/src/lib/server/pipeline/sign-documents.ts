import { signDocumentWith, signQrTokenWith } from '@comptoir/shared/tokens';
import type { PendingSignature } from '../commands/command-context.js';
import type { ServerContext } from '../context.js';
import type { DocumentSignatures } from '../registry/documents.repo.js';

/**
 * Signs documents (full-content JWS and QR token) on the thread pool: the batch starts this
 * as soon as a command is applied and awaits it only before the commit.
 */
export async function signDocuments(
  server: ServerContext,
  pending: readonly PendingSignature[],
): Promise<DocumentSignatures[]> {
  return Promise.all(
    pending.map(async ({ number, document }) => {
      // Signed by the key the document names (chosen when it was issued).
      const rawSigningKey = server.signer.signerFor(document.issuedBy.kid);
      if (!rawSigningKey) throw new Error(`no open signing key ${document.issuedBy.kid}`);
      return {
        number,
        jws: await signDocumentWith(document, rawSigningKey),
        qrToken: await signQrTokenWith(document, rawSigningKey),
      };
    }),
  );
}
