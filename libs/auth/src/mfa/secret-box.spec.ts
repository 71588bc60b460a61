import { SecondFactorKeys } from './secret-box';

describe('second factor keys', () => {
  const keys = new SecondFactorKeys('s'.repeat(48));
  const userId = '00000000-0000-4000-8000-000000000001';

  it('seals a secret so that it reads back, never in clear and never twice alike', () => {
    const sealed = keys.seal('JBSWY3DPEHPK3PXP', userId);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keys.seal('JBSWY3DPEHPK3PXP', userId)).not.toBe(sealed);
    expect(keys.open(sealed, userId)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a box opened for another user, under another secret, or altered', () => {
    const sealed = keys.seal('JBSWY3DPEHPK3PXP', userId);
    expect(() => keys.open(sealed, '00000000-0000-4000-8000-000000000002')).toThrow();
    expect(() => new SecondFactorKeys('t'.repeat(48)).open(sealed, userId)).toThrow();
    const [version, nonce, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => keys.open([version, nonce, tag, flipped.toString('base64url')].join('.'), userId)).toThrow();
    expect(() => keys.open('v2.a.b.c', userId)).toThrow('unknown sealed-secret format');
  });

  it('hashes a recovery code under a key of its own: stable, and different under another secret', () => {
    expect(keys.recoveryCodeHash('abcdefgh23')).toEqual(keys.recoveryCodeHash('abcdefgh23'));
    expect(keys.recoveryCodeHash('abcdefgh23')).toHaveLength(32);
    expect(new SecondFactorKeys('t'.repeat(48)).recoveryCodeHash('abcdefgh23')).not.toEqual(keys.recoveryCodeHash('abcdefgh23'));
  });
});
