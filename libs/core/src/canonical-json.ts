/**
 * Canonical JSON (RFC 8785, JCS): object members sorted by their names' UTF-16 code units at
 * every depth, no white space, numbers and strings written as ECMAScript's JSON.stringify
 * writes them. The same value always serialises the same, whatever order its keys were built in.
 * The audit hash chain and idempotency fingerprints depend on it.
 *
 * A value JSON cannot hold is read the way JSON.stringify reads it, because the audit chain
 * hashes an entry when it is written and verifies it later from the JSON PostgreSQL stored:
 * the two must agree, so canonicalJson(v) === canonicalJson(JSON.parse(JSON.stringify(v))).
 * That is: `toJSON()` is honoured (a Date hashes as its ISO string, as it is stored, not as
 * `{}`); `undefined`, functions and symbols are dropped from objects and become `null` in
 * arrays; NaN and ±Infinity become `null`; a BigInt or a circular structure throws, as
 * JSON.stringify does. The `canonicalize` package throws on NaN instead, and writes `[1,]`
 * for a function inside an array, so it is not used.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '', new Set()) ?? 'null';
}

/** undefined: the value is not representable in JSON (dropped from an object, null in an array). */
function serialise(input: unknown, key: string, ancestors: Set<object>): string | undefined {
  const value = withToJson(input, key);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const container = value as object;
  if (ancestors.has(container)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(container);
  try {
    if (Array.isArray(container)) {
      return `[${container.map((item, index) => serialise(item, String(index), ancestors) ?? 'null').join(',')}]`;
    }
    const members: string[] = [];
    for (const name of Object.keys(container).sort(byCodeUnits)) {
      const member = serialise((container as Record<string, unknown>)[name], name, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(name)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(container);
  }
}

/** What JSON.stringify reads in place of an object: its toJSON(), or a boxed primitive's value. */
function withToJson(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(key: string): unknown }).toJSON(key);
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return value.valueOf();
  return value;
}

/** RFC 8785 §3.2.3: member names sorted by UTF-16 code units (what `<` compares), not by locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
