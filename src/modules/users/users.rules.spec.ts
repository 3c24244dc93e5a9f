import { passwordWeakness } from './users.rules';

describe('password strength rule', () => {
  it.each(['password123', 'qwertyuiop', '1234567890', 'aaaaaaaaaaaa'])(
    'refuses the common password %s with a reason',
    (password) => {
      expect(passwordWeakness(password)?.[0]).toMatch(
        /^is too easy to guess \(strength [0-2] of 4, 3 needed\)$/,
      );
    },
  );

  it("gives zxcvbn's warning and suggestion after the verdict, each a problem of its own", () => {
    expect(passwordWeakness('password123')).toEqual([
      expect.stringMatching(/^is too easy to guess/),
      'This is a commonly used password.',
      'Add more words that are less common.',
    ]);
  });

  it.each(['rahasia123', 'indonesia2024', 'jakarta12345'])(
    'knows Indonesian words: refuses %s',
    (password) => {
      expect(passwordWeakness(password)).not.toBeNull();
    },
  );

  it.each([
    'correct horse battery staple',
    'Kopi-Hitam-Pagi-42',
    'kata-sandi-baru-2025',
    // The passwords the tests and the demo use must stay accepted.
    'admin-test-password',
    'coordinator-demo-password',
  ])('accepts %s', (password) => {
    expect(passwordWeakness(password)).toBeNull();
  });

  it("refuses a password built on the account's own email or name", () => {
    expect(
      passwordWeakness('siti.rahma1984', ['siti.rahma@smkn1.sch.id', 'Siti Rahma']),
    ).not.toBeNull();
  });
});
