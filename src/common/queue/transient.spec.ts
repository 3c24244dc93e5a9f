import { QueryFailedError } from 'typeorm';
import { isTransientFailure } from './transient';

describe(isTransientFailure.name, () => {
  const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

  it.each([
    ['a refused database connection', withCode('ECONNREFUSED')],
    ['a connection the server closed', withCode('PROTOCOL_CONNECTION_LOST', 'Connection lost')],
    ['a server shutting down', withCode('ER_SERVER_SHUTDOWN')],
    ['a killed connection', withCode('ER_CONNECTION_KILLED')],
    [
      "TypeORM's wrap of a lost connection",
      new QueryFailedError('SELECT 1', [], withCode('PROTOCOL_CONNECTION_LOST')),
    ],
    ['Redis retries used up', Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })],
    ['a job whose worker was killed', new Error('job stalled more than allowable limit')],
  ])('counts %s as transient', (_, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an SQL error', new QueryFailedError('SELECT', [], withCode('ER_PARSE_ERROR'))],
    ['a constraint', withCode('ER_DUP_ENTRY')],
    ['nothing at all', undefined],
  ])('counts %s as the job failing', (_, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});
