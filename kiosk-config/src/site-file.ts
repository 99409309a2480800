import { siteIssues, siteSchema, type Site, type SiteIssue } from '@comptoir/shared';
import { readFile } from 'node:fs/promises';

/** A site file read from disk: the parsed site, or every problem found in it. */
export type SiteFileResult = { ok: true; site: Site } | { ok: false; issues: SiteIssue[] };

/** Reads and validates a site file, reporting a missing file or bad JSON like any other problem. */
export const readSiteFile = async (path: string): Promise<SiteFileResult> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {
      ok: false,
      issues: [
        {
          path: [],
          code: 'file_not_found',
          message: { fr: `fichier introuvable : ${path}`, en: `file not found: ${path}` },
          fix: { fr: 'vérifiez le chemin du fichier de site', en: 'check the site file path' },
        },
      ],
    };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        {
          path: [],
          code: 'bad_json',
          message: { fr: `JSON invalide : ${detail}`, en: `invalid JSON: ${detail}` },
          fix: {
            fr: 'corrigez la syntaxe (virgules, guillemets doubles, pas de commentaires)',
            en: 'fix the syntax (commas, double quotes, no comments)',
          },
        },
      ],
    };
  }
  const issues = siteIssues(input);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, site: siteSchema.parse(input) };
};

/** A JSON path as people read it: `$.printers[2].id`. */
export const formatJsonPath = (path: readonly (string | number)[]): string =>
  path.reduce<string>(
    (text, key) =>
      typeof key === 'number'
        ? `${text}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `${text}.${key}`
          : `${text}[${JSON.stringify(key)}]`,
    '$',
  );

/** One problem, French then English, each with its fix. */
export const formatSiteIssue = (issue: SiteIssue): string =>
  [
    `✗ ${formatJsonPath(issue.path)} (${issue.code})`,
    `    fr : ${issue.message.fr} — ${issue.fix.fr}`,
    `    en: ${issue.message.en} — ${issue.fix.en}`,
  ].join('\n');
