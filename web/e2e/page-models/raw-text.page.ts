import * as shared from '@comptoir/shared';
import { z } from 'zod';
import { helpByRoute } from '../../src/lib/help/help.catalogue';
import { messages } from '../../src/lib/i18n/messages';

/**
 * What "raw text" means on a screen meant for people (issue 19), and how it is found in a
 * screen's visible text (`innerText`: hidden menus, closed details and input values excluded).
 *
 * A token is raw when it is:
 * - a value of any `z.enum` of the shared schemas (collected from `@comptoir/shared` itself,
 *   so a new enum is covered without editing this file), written exactly as the code writes
 *   it (case-sensitive: `voided`, `to_check`, `letter`), **unless** the same word is an
 *   ordinary word of the visible language, i.e. it appears in a catalogue text of that
 *   language (English "valid" in "still valid" is a word; in a French screen it is raw);
 *   numbers and codes of two letters or fewer are never flagged (`en` is a French word);
 * - a key of the message catalogue (`home.title`) or a field path in camel case
 *   (`amounts.salePriceCents`);
 * - a UUID;
 * - JSON (`{"`).
 */

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
/** A dotted path with a camel-case segment: `amounts.salePriceCents`, `buyer.firstName`. */
const FIELD_PATH = /^[a-z]\w*(?:\.\w+)*\.[a-z]+[A-Z]\w*$|^[a-z]+[A-Z]\w*\.\w+/;

/** Every `z.enum`'s values reachable from the shared package's exports. */
export function sharedEnumValues(): Set<string> {
  const values = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 12 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof z.ZodEnum) {
      for (const option of value.options) if (typeof option === 'string') values.add(option);
    }
    if (value instanceof z.ZodType) {
      // The definition holds the nested schemas (shape, options, inner types, items...).
      visit(value.def, depth + 1);
      return;
    }
    for (const key of Object.keys(value)) {
      let child: unknown;
      try {
        child = Reflect.get(value, key);
      } catch {
        continue;
      }
      if (typeof child === 'function' && key === 'shape') continue;
      visit(child, depth + 1);
    }
  };
  for (const exported of Object.values(shared)) visit(exported, 0);
  return values;
}

function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

/** The ordinary words of a language: every word of its catalogue texts and screen help. */
function catalogueWords(locale: 'fr' | 'en'): Set<string> {
  const texts = [
    ...Object.values(messages).map((message) => message[locale]),
    ...Object.values(helpByRoute).flatMap((help) => [
      help.purpose[locale],
      help.needs[locale],
      help.offline[locale],
    ]),
  ];
  return new Set(texts.flatMap(wordsOf));
}

const enumValues = sharedEnumValues();
const catalogueKeys = new Set(Object.keys(messages));
const ordinaryWords = { fr: catalogueWords('fr'), en: catalogueWords('en') };

/** The raw tokens of a screen's visible text, each with a few words around it. */
export function rawTextIn(text: string, locale: 'fr' | 'en'): string[] {
  const found: string[] = [];
  const context = (index: number): string =>
    text
      .slice(Math.max(0, index - 30), index + 40)
      .replace(/\s+/g, ' ')
      .trim();
  const uuid = UUID.exec(text);
  if (uuid) found.push(`UUID: "${context(uuid.index)}"`);
  const json = text.indexOf('{"');
  if (json >= 0) found.push(`JSON: "${context(json)}"`);
  for (const match of text.matchAll(/[\p{L}\p{N}_.]+/gu)) {
    const token = match[0].replace(/^\.+|\.+$/g, '');
    if (catalogueKeys.has(token)) found.push(`catalogue key ${token}: "${context(match.index)}"`);
    else if (FIELD_PATH.test(token)) found.push(`field path ${token}: "${context(match.index)}"`);
    for (const word of token.split('.')) {
      // Numbers are data (days, counts); codes of two letters or fewer (`fr`, `en`) are also
      // words of the other language (French "en" in a note read on an English screen).
      if (word.length <= 2 || /^\d+$/.test(word)) continue;
      if (enumValues.has(word) && !ordinaryWords[locale].has(word)) {
        found.push(`code ${word}: "${context(match.index)}"`);
      }
    }
  }
  return [...new Set(found)];
}
