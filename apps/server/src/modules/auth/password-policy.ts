import { PASSWORD_MIN } from '@turnout/contracts';
import { badRequest } from '../../http/errors';

export const TOO_COMMON = 'This password is too common: choose one that is harder to guess.';
export const TOO_PERSONAL = 'Choose a password that is not your name or email address.';

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/**
 * The common-passwords list of zxcvbn-ts (`@zxcvbn-ts/language-common`, ~49 000 entries drawn from
 * breach corpora and kept with that project), loaded on first use, lower-cased. Entries shorter than
 * PASSWORD_MIN are left out: the schema refuses those already.
 */
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => {
    const set = new Set<string>();
    for (const entry of dictionary['passwords-common']) if (entry.length >= PASSWORD_MIN) set.add(entry.toLowerCase());
    return set;
  });
  return commonPasswords;
}

/**
 * The password rule of register, reset and change beyond the schema's length: not on the offline
 * list of common and breached passwords (compared without case), not the account's own name or
 * address (docs/product.md §8). Throws 400 validation_failed with `fields.password`.
 */
export async function assertAcceptablePassword(password: string, account: { name: string; email: string | null }): Promise<void> {
  const folded = password.toLowerCase();
  const email = account.email?.toLowerCase();
  const personal = [account.name.toLowerCase(), email, email?.split('@')[0]].filter((v): v is string => !!v);
  if (personal.includes(folded)) throw badRequest('The password is refused.', { password: [TOO_PERSONAL] });
  if ((await loadCommonPasswords()).has(folded)) throw badRequest('The password is refused.', { password: [TOO_COMMON] });
}
