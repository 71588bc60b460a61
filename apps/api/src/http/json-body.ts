import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/** API.md: a JSON body nested deeper than 32 levels is a 400. No route's request is deeper than 4. */
export const MAX_JSON_DEPTH = 32;

/**
 * Fastify's own JSON parser (prototype-poisoning checks included), behind a depth limit
 * checked on the text before anything is parsed. Every later step that walks a body (the
 * NUL check, class-transformer, class-validator, the idempotency fingerprint) recurses, and a
 * body 20,000 levels deep overflowed the stack there: a 500 on every route with a JSON body.
 * With the limit at the parser, no walk over a request can be deeper than MAX_JSON_DEPTH.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  // Nest's useBodyParser, not Fastify's addContentTypeParser: Nest registers its own JSON parser at init unless one is given.
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (exceedsJsonDepth(body, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error('JSON body too deep'), { statusCode: 400, code: 'REQUEST.TOO_DEEP' }), undefined);
      return;
    }
    // Typed for a string; Fastify's parser (secure-json-parse) takes the Buffer as Nest's own default parser passes it.
    // Its callback form answers through `done` and returns nothing (its type also allows the promise form).
    void parseJson(request, body as unknown as string, done);
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the UTF-8 JSON text opens more than `limit` arrays or objects inside one another,
 * counting only brackets outside strings (no byte of a multi-byte UTF-8 character is ASCII,
 * so bytes can be read as they come). One pass, no recursion, no allocation; malformed text
 * is left for the parser to refuse.
 */
export function exceedsJsonDepth(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = endOfString(bytes, i);
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `start` (or the end). */
function endOfString(bytes: Uint8Array, start: number): number {
  for (let i = start + 1; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH) i++;
    else if (bytes[i] === QUOTE) return i;
  }
  return bytes.length;
}
