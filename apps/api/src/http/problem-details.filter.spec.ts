import { QueryFailedError } from 'typeorm';
import type { FastifyRequest } from 'fastify';
import { loggableError, ProblemDetailsFilter } from './problem-details.filter';

describe('loggableError', () => {
  it('keeps neither bound parameters nor the row detail nor the message of a database error', () => {
    const driverError = Object.assign(new Error('date/time field value out of range: "1995-02-30"'), {
      code: '22008',
      detail: 'Failing row contains (Dana, 1995-02-30, 1234).',
      table: 'officer',
    });
    const error = new QueryFailedError('INSERT INTO officer VALUES ($1, $2, $3)', ['Dana', '1995-02-30', '1234'], driverError);
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toMatch(/1995-02-30|1234|Failing row/);
    expect(loggableError(error)).toMatchObject({ name: 'QueryFailedError', code: '22008', table: 'officer' });
  });

  it('keeps the message of an ordinary error', () => {
    expect(loggableError(new TypeError('x is undefined'))).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
  });
});

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
