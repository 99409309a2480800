import { describe, expect, it } from 'vitest';
import { clientAddressOf, countryOf, isLocalAddress } from './client-address.js';

describe('countryOf', () => {
  it('places public addresses of several countries from the offline table', () => {
    expect(countryOf('24.48.0.1', 'CA')).toBe('CA');
    expect(countryOf('8.8.8.8', 'CA')).toBe('US');
    expect(countryOf('81.2.69.160', 'CA')).toBe('GB');
    expect(countryOf('80.12.0.1', 'CA')).toBe('FR');
    expect(countryOf('200.160.0.1', 'CA')).toBe('BR');
    expect(countryOf('::ffff:8.8.8.8', 'CA')).toBe('US');
  });

  it('counts loopback and private addresses as the home country', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.10',
      '::1',
      'fd00::1',
    ]) {
      expect(isLocalAddress(address)).toBe(true);
      expect(countryOf(address, 'US')).toBe('US');
    }
    expect(isLocalAddress('172.32.0.1')).toBe(false);
  });

  it('knows no country for public IPv6 (the table covers IPv4 only)', () => {
    expect(countryOf('2001:4860:4860::8888', 'CA')).toBeNull();
  });
});

describe('clientAddressOf', () => {
  const request = new Request('http://127.0.0.1/', {
    headers: { 'x-forwarded-for': '81.2.69.160, 8.8.8.8' },
  });
  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientAddressOf(request, '10.0.0.2', false)).toBe('10.0.0.2');
  });
  it('behind a trusted proxy takes the entry the proxy appended, not what the client wrote', () => {
    expect(clientAddressOf(request, '10.0.0.2', true)).toBe('8.8.8.8');
    const junk = new Request('http://127.0.0.1/', { headers: { 'x-forwarded-for': 'nonsense' } });
    expect(clientAddressOf(junk, '10.0.0.2', true)).toBe('10.0.0.2');
  });
});
