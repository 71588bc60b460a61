import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { invalidRequest } from '../http/validation';

/** `<JURISDICTION>-<6 or more digits>`, e.g. `MA-000042`; lower case is accepted. */
const POST_ID = /^[A-Z]{2}-[0-9]{6,}$/;

/**
 * `:postId` in a path, upper-cased, or the 400 problem every other refused input gets.
 * A pipe rather than a DTO through the global ValidationPipe: the same rule without
 * class-transformer and class-validator on every read of an officer. In a CPU profile of a
 * public officer page under load (`npm run bench:lookup` (d)), the DTO was ~9% of all samples.
 */
export class PostIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const postId = value.toUpperCase();
    if (!POST_ID.test(postId)) throw invalidRequest([{ field: 'postId', message: 'postId must look like MA-000042' }]);
    return postId;
  }
}

/** `@PostIdParam() postId: string`: the validated `:postId`, documented in the OpenAPI description. */
export function PostIdParam(): ParameterDecorator {
  return (target, method, index) => {
    Param('postId', PostIdPipe)(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
    ApiParam({ name: 'postId', description: 'POST ID (lower case accepted)', schema: { type: 'string', pattern: POST_ID.source, example: 'MA-000042' } })(
      target,
      method,
      descriptor,
    );
  };
}
