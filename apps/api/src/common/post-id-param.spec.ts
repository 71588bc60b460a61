import { InvalidInputError } from '@app/core';
import { PostIdPipe } from './post-id-param';

describe('PostIdPipe', () => {
  const pipe = new PostIdPipe();

  it.each([
    ['MA-000042', 'MA-000042'],
    ['ma-000042', 'MA-000042'],
    ['NY-1234567890', 'NY-1234567890'],
  ])('accepts %s as %s', (given, expected) => {
    expect(pipe.transform(given)).toBe(expected);
  });

  const refused = ['', 'MA-00042', 'MA000042', 'MAS-000042', 'M-000042', 'MA-00004X', ' MA-000042', 'MA-000042\n', "MA-000042' OR 1=1", '%', 'M'.repeat(1000)];
  it.each(refused.map((value) => [JSON.stringify(value).slice(0, 24), value]))('refuses %s with the field error of every refused input', (_label, given) => {
    const refusal = (() => {
      try {
        pipe.transform(given);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect(refusal).toMatchObject({ code: 'REQUEST.INVALID', fieldErrors: [{ field: 'postId', message: 'postId must look like MA-000042' }] });
  });
});
