import { QueryFailedError } from 'typeorm';
import { unavailableDependency } from './all-exceptions.filter';

describe('unavailableDependency', () => {
  it('names the database for the driver network failures, wrapped by TypeORM or not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:33306'), {
      code: 'ECONNREFUSED',
    });
    expect(unavailableDependency(refused)).toBe('database');
    const lost = new QueryFailedError('SELECT 1', [], {
      code: 'PROTOCOL_CONNECTION_LOST',
    } as unknown as Error);
    expect(unavailableDependency(lost)).toBe('database');
  });

  it('names the queue when Redis is away', () => {
    const maxRetries = Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(unavailableDependency(maxRetries)).toBe('queue');
    expect(unavailableDependency(new Error('Connection is closed.'))).toBe('queue');
  });

  it('leaves every other error alone (a bug stays a 500)', () => {
    expect(unavailableDependency(new Error('boom'))).toBeNull();
    const duplicate = new QueryFailedError('INSERT', [], {
      code: 'ER_DUP_ENTRY',
    } as unknown as Error);
    expect(unavailableDependency(duplicate)).toBeNull();
    expect(unavailableDependency(undefined)).toBeNull();
  });
});
