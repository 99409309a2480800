import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskPairing } from './kiosk-pairing.js';
import { PairingStore } from './pairing-store.js';

let dataDir: string;
let ledger: PairingStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'comptoir-pairing-'));
  ledger = new PairingStore(dataDir);
});
afterEach(() => {
  ledger.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kiosk pairing', () => {
  it('rotates the code when it expires', () => {
    let now = new Date('2026-11-26T12:00:00Z');
    const pairing = new KioskPairing(ledger, { now: () => now });
    const first = pairing.current();
    now = new Date(first.expiresAt.getTime() + 1);
    const second = pairing.current();
    expect(second.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());
    // Two random 8-digit codes collide once in 10^8 runs.
    expect(pairing.redeem(first.code, 'k')).toBeUndefined();
  });

  it('locks the code after five wrong tries until it expires, without rotating it', () => {
    let now = new Date('2026-11-26T12:00:00Z');
    const rotations: string[] = [];
    const pairing = new KioskPairing(ledger, {
      now: () => now,
      onRotate: (code) => rotations.push(code.code),
    });
    const { code, expiresAt } = pairing.current();
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 4; i++) expect(pairing.redeem(wrong, 'k')).toBeUndefined();
    expect(pairing.isLocked()).toBe(false);
    expect(pairing.redeem(wrong, 'k')).toBeUndefined();
    // A neighbour sending wrong codes must not make the agent show a new code: only locked.
    expect(rotations).toEqual([]);
    expect(pairing.current().code).toBe(code);
    expect(pairing.isLocked()).toBe(true);
    expect(pairing.redeem(code, 'k')).toBeUndefined();
    now = new Date(expiresAt.getTime() + 1);
    expect(pairing.isLocked()).toBe(false);
    const fresh = pairing.current();
    expect(rotations).toEqual([fresh.code]);
    expect(pairing.redeem(fresh.code, 'k')).toMatch(/^cpk_/);
  });

  it('rotates on demand (the admin page), which also lifts the lock', () => {
    const pairing = new KioskPairing(ledger);
    const { code } = pairing.current();
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) pairing.redeem(wrong, 'k');
    expect(pairing.isLocked()).toBe(true);
    const fresh = pairing.rotate();
    expect(pairing.isLocked()).toBe(false);
    expect(pairing.redeem(code, 'k')).toBeUndefined();
    expect(pairing.redeem(fresh.code, 'k')).toMatch(/^cpk_/);
  });

  it('lists paired kiosks without their tokens and revokes one at once', () => {
    const pairing = new KioskPairing(ledger);
    const first = pairing.redeem(pairing.current().code, 'Borne 1') ?? '';
    const second = pairing.redeem(pairing.current().code, 'Borne 2') ?? '';
    const kiosks = pairing.kiosks();
    expect(kiosks.map((k) => k.label).sort()).toEqual(['Borne 1', 'Borne 2']);
    expect(JSON.stringify(kiosks)).not.toContain(first.slice(4));
    const stolen = kiosks.find((k) => k.label === 'Borne 1');
    expect(pairing.revoke(stolen?.id ?? '')).toBe(true);
    expect(pairing.isValidToken(first)).toBe(false);
    expect(pairing.isValidToken(second)).toBe(true);
    expect(pairing.revoke(stolen?.id ?? '')).toBe(false);
    expect(pairing.kiosks().map((k) => k.label)).toEqual(['Borne 2']);
  });

  it('keeps tokens only hashed, and they survive a restart', () => {
    const pairing = new KioskPairing(ledger);
    const token = pairing.redeem(pairing.current().code, 'Borne 1') ?? '';
    ledger.close();
    ledger = new PairingStore(dataDir);
    expect(new KioskPairing(ledger).isValidToken(token)).toBe(true);
    expect(new KioskPairing(ledger).isValidToken(`${token}x`)).toBe(false);
  });
});
