import { QueryFailedError } from 'typeorm';
import type { FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('ProblemDetailsFilter.toProblem', () => {
  const request = { url: '/api/v1/x?y=1' } as FastifyRequest;
  const databaseError = (code: string) =>
    new QueryFailedError('INSERT ...', ['secret'], Object.assign(new Error(`invalid byte sequence for encoding "UTF8": 0x00 secret`), { code }));

  it.each(['22021', '22P05', '22001', '22003', '22007', '22008', '22P02'])(
    'answers SQLSTATE %s, a value the database cannot store, with a 400 and no database message',
    (code) => {
      const problem = new ProblemDetailsFilter().toProblem(databaseError(code), request);
      expect(problem).toMatchObject({ status: 400, code: 'REQUEST.UNSTORABLE_VALUE', instance: '/api/v1/x' });
      expect(JSON.stringify(problem)).not.toMatch(/secret|UTF8/);
    },
  );

  it.each(['23514', '42601', '42P01'])('keeps SQLSTATE %s a 500: a broken rule or query is the service’s fault', (code) => {
    expect(new ProblemDetailsFilter().toProblem(databaseError(code), request)).toMatchObject({ status: 500, code: 'SERVICE.INTERNAL' });
  });
});
