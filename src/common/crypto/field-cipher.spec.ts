import { FieldCipher } from './field-cipher';

describe(FieldCipher.name, () => {
  const sut = new FieldCipher({ encryptionKey: '0f'.repeat(32) });

  it('decrypts what it encrypted, with a different ciphertext each time', () => {
    const a = sut.encrypt('3604012345670001');
    const b = sut.encrypt('3604012345670001');
    expect(a).not.toBe(b);
    expect(a).not.toContain('3604012345670001');
    expect(sut.decrypt(a)).toBe('3604012345670001');
  });

  it('refuses a tampered ciphertext', () => {
    const raw = Buffer.from(sut.encrypt('3604012345670001'), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => sut.decrypt(raw.toString('base64'))).toThrow();
  });

  it('hashes deterministically and under the key', () => {
    const other = new FieldCipher({ encryptionKey: '1e'.repeat(32) });
    expect(sut.hash('x')).toBe(sut.hash('x'));
    expect(sut.hash('x')).not.toBe(other.hash('x'));
  });
});
