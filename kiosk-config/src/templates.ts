import { readFile } from 'node:fs/promises';

/** The folder of template files, beside `src/` and `dist/` alike. */
const templatesDir = new URL('../templates/', import.meta.url);

/**
 * Characters that could end a shell string or comment and start a command. Values come from a
 * validated site file, but a shell script is the wrong place to trust that: refuse them outright.
 */
const SHELL_UNSAFE = /[\n\r"`$\\]/;

/** Thrown when a template names a value that was not given, or gets a value unsafe for it. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/**
 * Fills `{{name}}` placeholders of a file of `templates/`. Every placeholder must have a value;
 * values for shell scripts (`.sh`) must not contain quotes, `$`, backquotes, backslashes or newlines.
 */
export const renderTemplate = async (
  file: string,
  values: Readonly<Record<string, string>>,
  /** Parts that are themselves rendered templates (checked when they were rendered). */
  renderedParts: Readonly<Record<string, string>> = {},
): Promise<string> => {
  const text = await readFile(new URL(file, templatesDir), 'utf8');
  const isShell = file.endsWith('.sh');
  return text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const part = renderedParts[name];
    if (part !== undefined) return part;
    const value = values[name];
    if (value === undefined)
      throw new TemplateError(`Template ${file} needs a value for {{${name}}}`);
    if (isShell && SHELL_UNSAFE.test(value))
      throw new TemplateError(
        `Template ${file}: the value of {{${name}}} is unsafe in a shell script`,
      );
    return value;
  });
};
