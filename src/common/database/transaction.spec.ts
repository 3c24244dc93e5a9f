import { isDeadlock, retryOnDeadlock } from './transaction';

const deadlock = (): Error =>
  Object.assign(new Error('deadlock'), { driverError: { code: 'ER_LOCK_DEADLOCK' } });

describe(retryOnDeadlock.name, () => {
  it('reruns a deadlock victim and returns the later success', async () => {
    let calls = 0;
    const sut = retryOnDeadlock(() =>
      ++calls < 3 ? Promise.reject(deadlock()) : Promise.resolve('ok'),
    );
    await expect(sut).resolves.toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with the deadlock error', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(() => (++calls, Promise.reject(deadlock())), 2)).rejects.toThrow(
      'deadlock',
    );
    expect(calls).toBe(2);
  });

  it('does not rerun other errors', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(() => (++calls, Promise.reject(new Error('other')))),
    ).rejects.toThrow('other');
    expect(calls).toBe(1);
    expect(isDeadlock(new Error('x'))).toBe(false);
  });
});
