import { canonicalJson, chainHash, ChainVerifier, GENESIS_HASH, StoredEntry } from './hash-chain';

function chain(count: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const fields = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actorKind: 'user',
      actorId: 'u1',
      organizationId: null,
      action: 'officer.create',
      entityType: 'officer',
      entityId: `MA-${seq}`,
      requestId: null,
      details: { b: 1, a: [2, { d: 3, c: 4 }] },
    };
    const hash = chainHash(prev, fields);
    entries.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

function verify(entries: StoredEntry[]) {
  const verifier = new ChainVerifier();
  entries.forEach((entry) => verifier.push(entry));
  return verifier.finish();
}

describe('audit hash chain', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    expect(verify(entries)).toEqual({ valid: true, entries: 5, head: { seq: 5, hash: entries[4].hash } });
  });

  it('verifies an entry written with a Date in its details from the JSON that was stored (a Date once hashed as {})', () => {
    const { prevHash: _prevHash, hash: _hash, ...fields } = chain(1)[0];
    const written = { ...fields, details: { effectiveOn: new Date('2026-12-07T00:00:00.000Z'), list: [() => 1] } };
    const entry = { ...written, prevHash: GENESIS_HASH, hash: chainHash(GENESIS_HASH, written) };
    const stored = JSON.parse(JSON.stringify(entry)) as StoredEntry;
    expect(verify([stored])).toEqual({ valid: true, entries: 1, head: { seq: 1, hash: entry.hash } });
  });

  it('accepts an empty chain', () => {
    expect(verify([])).toEqual({ valid: true, entries: 0, head: null });
  });

  it('names the first entry whose content was altered', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], details: { b: 2 } };
    expect(verify(entries)).toEqual({ valid: false, firstBrokenEntry: { seq: 3, reason: 'content does not match its hash' } });
  });

  it('detects a rewritten hash through the next link', () => {
    const entries = chain(4);
    const { prevHash, hash: _old, ...fields } = { ...entries[1], entityId: 'forged' };
    entries[1] = { ...fields, prevHash, hash: chainHash(prevHash, fields) };
    expect(verify(entries)).toMatchObject({ valid: false, firstBrokenEntry: { seq: 3 } });
  });

  it('detects a deleted entry', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verify(entries)).toEqual({ valid: false, firstBrokenEntry: { seq: 2, reason: 'entry 2 is missing' } });
  });
});
