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

  it('rotates the code after five wrong tries, so guessing needs the console again', () => {
    const rotations: string[] = [];
    const pairing = new KioskPairing(ledger, { onRotate: (code) => rotations.push(code.code) });
    const code = pairing.current().code;
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) expect(pairing.redeem(wrong, 'k')).toBeUndefined();
    expect(rotations).toHaveLength(1);
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
