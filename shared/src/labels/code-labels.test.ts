import { describe, expect, it } from 'vitest';
import { roles } from '../domain/permissions.js';
import { paperLabel } from '../documents/paper-text.js';
import { capRequestStatuses } from '../schemas/registry-queries.schema.js';
import { documentStatusSchema } from '../schemas/document.schema.js';
import { paperSchema, printerRoles } from '../schemas/site.schema.js';
import { codeLabel } from './code-labels.js';

describe('the label catalogue', () => {
  it('labels every status, role, printer role and paper size a person reads', () => {
    const codes = [
      ...documentStatusSchema.options,
      ...roles,
      ...printerRoles,
      ...paperSchema.options,
      ...capRequestStatuses,
    ];
    expect(codes.filter((code) => codeLabel(code) === undefined)).toEqual([]);
  });

  it('gives the paper and the screen the same words, each said once on paper', () => {
    expect(paperLabel('promenade')).toBe('Promenade / Passenger');
    expect(paperLabel('atac')).toBe('ATAC');
    expect(codeLabel('voided')).toEqual({ fr: 'Annulé', en: 'Voided' });
  });

  it('shows an unknown code (from a newer server) as is, and never an inherited key', () => {
    expect(paperLabel('hovercraft')).toBe('hovercraft');
    expect(codeLabel('constructor')).toBeUndefined();
  });
});
