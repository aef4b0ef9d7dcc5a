import type { Db } from '../../db/database';
import { accountRepository } from './account.repository';
import { classifyCode, hashRecoveryCode, totpStep } from './totp-codes';
import type { SecretBox } from './totp-secrets';

/** What a login's second factor comes to: not on, on and missing, wrong (or already used), or right. */
export type SecondFactorResult = 'off' | 'required' | 'invalid' | 'ok';

/**
 * The second factor at login: an authenticator code (its time step spent, so a code signs in once)
 * or a recovery code (used up). Either is checked only after the password was right.
 */
export function createSecondFactor(deps: { db: Db; secrets: SecretBox }) {
  return {
    async check(userId: string, input: string | undefined, at: Date): Promise<SecondFactorResult> {
      const totp = await accountRepository.findTotp(deps.db, userId);
      if (!totp?.enabledAt) return 'off';
      if (input === undefined) return 'required';
      const typed = classifyCode(input);
      if (typed.kind === 'recovery') {
        return (await accountRepository.spendRecoveryCode(deps.db, userId, hashRecoveryCode(typed.code), at)) ? 'ok' : 'invalid';
      }
      const step = totpStep(deps.secrets.open(totp.secretCiphertext, userId), typed.code, at);
      if (step === null) return 'invalid';
      return (await accountRepository.spendTotpStep(deps.db, userId, step)) ? 'ok' : 'invalid';
    },
  };
}
