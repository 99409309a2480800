import { agentUrl, type Printer, type Site } from '@comptoir/shared';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';

/** The outcome of one printer's TEST page. */
export interface PrintTestResult {
  printerId: string;
  printerName: string;
  isOk: boolean;
  /** What the agent said: `printed`/`spooled`, or why it failed. */
  detail: string;
}

/** How to reach the agent as its administrator. */
export interface PrintTestOptions {
  adminSecret: string;
  /** PEM of the site CA, to trust the agent's HTTPS certificate. */
  caCertificatePem?: string;
  timeoutMs?: number;
}

/** An HTTP answer of the agent, read whole. */
export interface AgentResponse {
  status: number;
  contentType: string;
  body: string;
}

/** One POST to the agent, trusting only the site CA when it speaks HTTPS. */
const postForm = (
  url: URL,
  form: URLSearchParams,
  options: PrintTestOptions,
): Promise<AgentResponse> =>
  new Promise((resolve, reject) => {
    const body = form.toString();
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json, text/html;q=0.5',
          'x-agent-admin-secret': options.adminSecret,
        },
        ...(options.caCertificatePem === undefined ? {} : { ca: options.caCertificatePem }),
        timeout: options.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('the agent did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });

/** The agent's JSON answers: a test result, or its error shape `{ code, message: { fr, en } }`. */
const testPageJsonSchema = z.union([
  z.object({ status: z.enum(['printed', 'spooled']) }),
  z.object({ code: z.string(), message: z.object({ fr: z.string(), en: z.string() }) }),
]);

/** The notice line of the agent's admin page (`<p class="notice">…</p>` or similar), as text. */
const noticeOf = (html: string): string => {
  const match = /(Page de test[^<]*|Test page[^<]*|Échec[^<]*)/.exec(html);
  return (match?.[1] ?? html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim().slice(0, 200);
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Reads the agent's answer to a TEST page request. */
export const interpretTestPageResponse = (
  response: AgentResponse,
): { isOk: boolean; detail: string } => {
  if (response.contentType.includes('application/json')) {
    const parsed = testPageJsonSchema.safeParse(parseJson(response.body));
    if (!parsed.success)
      return { isOk: false, detail: `unexpected answer (HTTP ${response.status})` };
    if ('status' in parsed.data) return { isOk: response.status < 300, detail: parsed.data.status };
    return {
      isOk: false,
      detail: `${parsed.data.code}: ${parsed.data.message.fr} / ${parsed.data.message.en}`,
    };
  }
  if (response.status === 401) return { isOk: false, detail: 'admin secret refused (HTTP 401)' };
  return { isOk: response.status >= 200 && response.status < 300, detail: noticeOf(response.body) };
};

/** Asks the agent to print its TEST page on one printer. */
export const printTestPage = async (
  site: Site,
  printer: Printer,
  options: PrintTestOptions,
): Promise<PrintTestResult> => {
  const base = { printerId: printer.id, printerName: printer.name };
  try {
    const response = await postForm(
      new URL('/admin/test-page', agentUrl(site.agent)),
      new URLSearchParams({ printer: printer.id }),
      options,
    );
    return { ...base, ...interpretTestPageResponse(response) };
  } catch (error) {
    return { ...base, isOk: false, detail: error instanceof Error ? error.message : String(error) };
  }
};

/**
 * Prints the TEST page on every printer of the site, one after another (a printer's result is
 * easier to match with the paper that comes out), and reports each result.
 */
export const printTestAll = async (
  site: Site,
  options: PrintTestOptions,
): Promise<PrintTestResult[]> => {
  const results: PrintTestResult[] = [];
  for (const printer of site.printers) results.push(await printTestPage(site, printer, options));
  return results;
};
