import type { AuditEntry } from '@comptoir/shared';
import { t } from '$lib/i18n/locale.svelte';
import { messages, type MessageKey } from '$lib/i18n/messages';

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** The catalogue key of an event's sentence, or `journal.event.other`. */
function sentenceKey(event: string): MessageKey {
  const key = `journal.event.${event}`;
  return isMessageKey(key) ? key : 'journal.event.other';
}

/**
 * One journal row as a sentence for people: who (the account's name, never its id), what,
 * on what (the document number or VIN the row is about). Ids and JSON stay in the raw record.
 */
export function auditSentence(entry: AuditEntry): string {
  const who = entry.actorName ?? (entry.actor ? t('journal.someone') : t('journal.system'));
  // A subject that is an id (a command's UUID) says nothing to a person: left out.
  const subject = entry.subject && !isIdentifier(entry.subject) ? entry.subject : '';
  return t(sentenceKey(entry.event), { who, subject, licence: entry.licence ?? '' })
    .replace(/\s+\./g, '.')
    .replace(/\s{2,}/g, ' ');
}

/** True for an opaque identifier (a UUID, a long hexadecimal hash). */
export function isIdentifier(value: string): boolean {
  return (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ||
    /^[0-9a-f]{32,}$/i.test(value)
  );
}
