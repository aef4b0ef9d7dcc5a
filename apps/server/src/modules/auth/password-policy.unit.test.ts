import { describe, expect, it } from 'vitest';
import type { AppError } from '../../http/errors';
import { assertAcceptablePassword, TOO_COMMON, TOO_PERSONAL } from './password-policy';

const account = { name: 'ada.lovelace', email: 'Ada@Example.com' };
const refusal = (password: string, who: { name: string; email: string | null } = account) =>
  assertAcceptablePassword(password, who).then(
    () => null,
    (error: AppError) => ({ status: error.status, code: error.code, details: error.details }),
  );

describe('the password policy', () => {
  it.each(['password1', 'PASSWORD123', 'qwertyuiop', 'iloveyou1', 'Sunshine1'])('refuses %s, on the common list in any case', async (p) => {
    expect(await refusal(p)).toEqual({ status: 400, code: 'validation_failed', details: { fields: { password: [TOO_COMMON] } } });
  });

  it.each(['ADA.LOVELACE', 'ada@example.com', 'ADA@EXAMPLE.COM'])('refuses the account’s own name or address: %s', async (p) => {
    expect(await refusal(p)).toMatchObject({ details: { fields: { password: [TOO_PERSONAL] } } });
  });

  it('refuses the local part of the address', async () => {
    expect(await refusal('augusta1815', { name: 'ada', email: 'augusta1815@example.com' })).toMatchObject({
      details: { fields: { password: [TOO_PERSONAL] } },
    });
  });

  it.each(['correct horse battery', 'a brand new secret', 'Tr0ub4dor&3-staple'])('accepts %s', async (p) => {
    expect(await refusal(p)).toBeNull();
  });

  it('accepts any password for an account without an address but its name', async () => {
    expect(await refusal('correct horse battery', { name: 'ada', email: null })).toBeNull();
  });
});
