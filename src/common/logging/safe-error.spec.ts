import { QueryFailedError } from 'typeorm';
import { safeError } from './safe-error';

describe('safeError', () => {
  const nik = '3601234567890123';
  const driver = Object.assign(new Error(`Duplicate entry '${nik}' for key 'uq_students_nik'`), {
    code: 'ER_DUP_ENTRY',
    sqlMessage: `Duplicate entry '${nik}' for key 'uq_students_nik'`,
    sql: `INSERT INTO students (nik) VALUES ('${nik}')`,
  });
  const failed = new QueryFailedError('INSERT INTO students (nik) VALUES (?)', [nik], driver);

  it('keeps no value of the row: parameters dropped, quoted values masked at any depth', () => {
    const logged = JSON.stringify(safeError(failed));
    expect(logged).not.toContain(nik);
    expect(logged).not.toContain('"parameters"');
  });

  it('keeps what a reader needs: type, code, the SQL text with its placeholders', () => {
    const logged = safeError(failed) as Record<string, unknown>;
    expect(logged.type).toBe('QueryFailedError');
    expect(logged.query).toBe('INSERT INTO students (nik) VALUES (?)');
    expect(logged.message).toBe("Duplicate entry '…' for key '…'");
    expect((logged.driverError as Record<string, unknown>).code).toBe('ER_DUP_ENTRY');
  });

  it('passes what is not an error through', () => {
    expect(safeError('text')).toBe('text');
    expect(safeError(undefined)).toBeUndefined();
  });
});
