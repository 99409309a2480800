import { readFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { expect, it } from 'vitest';

// `embedded-fonts.ts` is generated from the TTF files in `shared/assets/fonts/` and checked
// like a file snapshot: this test fails when they drift apart, and
// `npx vitest run src/documents/fonts -u` (from `shared/`) rewrites it. WHY a module and not
// the files: the kiosk renders previews in the browser, where there is no file system and
// bundlers treat assets inside dependencies unevenly; a base64 string module works unchanged
// under Node, Vite and Vitest.
const faces = { regular: 'DejaVuSans-LatinExt.ttf', bold: 'DejaVuSans-Bold-LatinExt.ttf' };

async function generatedSource(): Promise<string> {
  let source =
    '// GENERATED from shared/assets/fonts/*.ttf by embedded-fonts.test.ts (vitest -u): do not edit.\n' +
    '// DejaVu Sans, Latin and Vietnamese subset (Bitstream Vera licence, DejaVu changes public domain):\n' +
    '// see shared/assets/fonts/README.md and LICENSE-DejaVu.txt.\n\n' +
    '/** Base64 TrueType bytes of the fonts every document embeds, by face. */\n' +
    'export const embeddedFontsBase64 = {\n';
  for (const [face, file] of Object.entries(faces)) {
    const bytes = await readFile(new URL(`../../../assets/fonts/${file}`, import.meta.url));
    source += `  /** ${file} (${bytes.length} bytes). */\n  ${face}: '${bytes.toString('base64')}',\n`;
  }
  source += '} as const;\n';
  const target = new URL('./embedded-fonts.ts', import.meta.url).pathname;
  const config = await prettier.resolveConfig(target);
  return prettier.format(source, { ...config, filepath: target });
}

it('embedded-fonts.ts is the TTF files of assets/fonts, base64', async () => {
  await expect(await generatedSource()).toMatchFileSnapshot('./embedded-fonts.ts');
});
