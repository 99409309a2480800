import type { AuditEntry } from '@comptoir/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/locale.svelte';
import { auditSentence } from './audit-sentence';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function entry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    at: '2026-03-10T15:00:00.000Z',
    event: 'document.issued',
    actor: '01900000-0000-7000-8000-000000000001',
    actorName: 'Julie Roy',
    licence: 'L-100001',
    subject: 'T-2026-000012',
    detail: { kind: 'transit', commandId: '01900000-0000-7000-8000-000000000002' },
    ...overrides,
  };
}

afterEach(() => {
  setLocale('fr');
});

describe('the journal read as sentences', () => {
  it('names the person and the paper, in French and in English', () => {
    expect(auditSentence(entry({}))).toBe('Julie Roy a émis le document T-2026-000012.');
    setLocale('en');
    expect(auditSentence(entry({}))).toBe('Julie Roy issued paper T-2026-000012.');
  });

  it('never shows an id, a code or JSON: an unknown event or actor reads in words', () => {
    const rows = [
      entry({ event: 'command.rejected', subject: '01900000-0000-7000-8000-000000000003' }),
      entry({ event: 'some.future_event', actorName: null }),
      entry({ event: 'signin.failed', actor: null, actorName: null, subject: null }),
    ];
    for (const row of rows) {
      const sentence = auditSentence(row);
      expect(sentence).not.toMatch(UUID);
      expect(sentence).not.toMatch(/[{}_]|some\.future/);
    }
    expect(auditSentence(rows[1] ?? entry({}))).toBe('Action enregistrée au journal (Quelqu’un).');
  });
});
