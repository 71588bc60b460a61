import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

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
