import type { PrintJob, Printer, PrinterStatus } from '@comptoir/shared';
import { documentTitles, paperDateTime, paperLabel } from '@comptoir/shared/documents';
import type { PairingCode } from '../trust/kiosk-pairing.js';
import type { PairedKiosk } from '../trust/pairing-store.js';

/** What the admin page shows. */
export interface AdminView {
  pairing: PairingCode;
  isPairingLocked: boolean;
  kiosks: PairedKiosk[];
  printers: { printer: Printer; status: PrinterStatus | undefined }[];
  jobs: PrintJob[];
  notice?: string;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A registry code in both languages, from the shared label catalogue (the kiosk's words). */
const both = (code: string): string => escape(paperLabel(code));
/** An instant in Québec time (`2026-12-03 09:15`), never UTC. */
const when = (iso: string): string => escape(paperDateTime(iso));

/** The agent's status page, French first with English, no script. */
export function renderAdminPage(view: AdminView): string {
  const printers = view.printers
    .map(({ printer, status }) => {
      const why = status?.reason ? `${escape(status.reason.fr)} / ${escape(status.reason.en)}` : '';
      return `<tr><td>${escape(printer.id)}</td><td>${escape(printer.name)}</td><td>${escape(printer.driver)}</td>
<td>${printer.roles.map(both).join(', ')}</td><td>${status ? both(status.state) : '?'} ${why}</td>
<td><form method="post" action="/admin/test-page"><input type="hidden" name="printer" value="${escape(printer.id)}">
<button>Page de test / Test page</button></form></td></tr>`;
    })
    .join('\n');
  const jobs = view.jobs
    .map((job) => {
      const decide =
        job.state === 'to_check'
          ? `<form method="post" action="/admin/jobs/${escape(job.jobId)}/decision">
<button name="decision" value="reprint">Réimprimer (COPIE) / Reprint (COPY)</button>
<button name="decision" value="done">C’est sorti / It printed</button></form>`
          : '';
      const why = job.reason ? `${escape(job.reason.fr)} / ${escape(job.reason.en)}` : '';
      const kind = documentTitles[job.documentKind];
      return `<tr><td>${when(job.createdAt)}</td><td>${escape(job.documentNumber)}</td><td>${escape(`${kind.fr} / ${kind.en}`)}</td>
<td>${escape(job.printer)}</td><td>${job.copiesSent}/${job.copies} ${job.mark === 'copy' ? 'COPIE / COPY' : 'ORIGINAL'}</td>
<td>${both(job.state)} ${why}</td><td>${decide}</td></tr>`;
    })
    .join('\n');
  const kiosks = view.kiosks
    .map(
      (kiosk) => `<tr><td>${escape(kiosk.label)}</td><td>${when(kiosk.pairedAt)}</td>
<td><form method="post" action="/admin/kiosks/${escape(kiosk.id)}/revoke">
<button>Révoquer / Revoke</button></form></td></tr>`,
    )
    .join('\n');
  const locked = view.isPairingLocked
    ? `<p role="alert">Trop de codes erronés : jumelage bloqué jusqu’à l’expiration ou un nouveau code. / Too many wrong codes: pairing locked until expiry or a new code.</p>`
    : '';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Agent d’impression Comptoir / Comptoir print agent</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}.code{font-size:2rem;letter-spacing:.2em}button{min-height:48px;min-width:48px}</style>
</head><body>
<h1>Agent d’impression Comptoir <small>/ Comptoir print agent</small></h1>
${view.notice ? `<p role="status"><strong>${escape(view.notice)}</strong></p>` : ''}
<h2>Code de jumelage / Pairing code</h2>
<p class="code">${escape(view.pairing.code)}</p>
<p>Valide jusqu’à / Valid until ${when(view.pairing.expiresAt.toISOString())}</p>
${locked}
<form method="post" action="/admin/pairing/rotate"><button>Nouveau code / New code</button></form>
<h2>Bornes jumelées / Paired kiosks</h2>
<table><tr><th>Nom / Label</th><th>Jumelée le / Paired at</th><th></th></tr>
${kiosks}</table>
<h2>Imprimantes / Printers</h2>
<table><tr><th>Id</th><th>Nom / Name</th><th>Pilote / Driver</th><th>Rôles / Roles</th><th>État / State</th><th></th></tr>
${printers}</table>
<h2>Travaux récents / Recent jobs</h2>
<table><tr><th>Reçu / Received</th><th>Numéro / Number</th><th>Type / Kind</th><th>Imprimante / Printer</th><th>Feuilles / Sheets</th><th>État / State</th><th></th></tr>
${jobs}</table>
</body></html>`;
}
