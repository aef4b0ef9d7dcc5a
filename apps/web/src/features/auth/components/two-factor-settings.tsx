import type { TotpSetupResponse } from '@turnout/contracts';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Pill } from '../../../components/ui/pill';
import { errorMessage } from '../../../lib/api-client';
import { useAccount } from '../api/get-account';
import { useSetupTotp } from '../api/setup-totp';
import { RecoveryCodes } from './recovery-codes';
import styles from './settings.module.css';
import { TwoFactorDisableForm } from './two-factor-disable-form';
import { TwoFactorSetup } from './two-factor-setup';

type Step = { kind: 'idle' } | { kind: 'setup'; setup: TotpSetupResponse } | { kind: 'codes'; codes: string[] } | { kind: 'disable' };

/** Two-factor sign-in: turning it on (authenticator, then recovery codes) and off (with the password). */
export function TwoFactorSettings() {
  const account = useAccount();
  const setup = useSetupTotp();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [status, setStatus] = useState<string | null>(null);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const leftStep = useRef(false);
  const enabled = account.data?.totpEnabled ?? false;
  // Back from a step: the control that had focus is gone, so the section's heading takes it.
  useEffect(() => {
    if (step.kind === 'idle' && leftStep.current) heading.current?.focus();
    leftStep.current = step.kind !== 'idle';
  }, [step.kind]);

  function begin() {
    setStatus(null);
    setup.mutate(undefined, { onSuccess: (answer) => setStep({ kind: 'setup', setup: answer }) });
  }

  let body: ReactNode;
  if (step.kind === 'setup') {
    body = (
      <TwoFactorSetup
        setup={step.setup}
        onEnabled={(codes) => setStep({ kind: 'codes', codes })}
        onCancel={() => setStep({ kind: 'idle' })}
      />
    );
  } else if (step.kind === 'codes') {
    body = (
      <RecoveryCodes
        codes={step.codes}
        onDone={() => {
          setStep({ kind: 'idle' });
          setStatus('Two-factor sign-in is on. Logging in now also asks for a code from your app.');
        }}
      />
    );
  } else if (step.kind === 'disable') {
    body = (
      <TwoFactorDisableForm
        onCancel={() => setStep({ kind: 'idle' })}
        onDisabled={() => {
          setStep({ kind: 'idle' });
          setStatus('Two-factor sign-in is off. Your recovery codes no longer work.');
        }}
      />
    );
  } else {
    body = (
      <>
        <p className={styles.muted}>
          {enabled
            ? 'Logging in asks for a code from your authenticator app, or one of your recovery codes.'
            : 'With it on, logging in also asks for a code from an authenticator app, so a stolen password alone is not enough.'}
        </p>
        {setup.error && (
          <p role="alert" className={styles.formError}>
            {errorMessage(setup.error)}
          </p>
        )}
        <div className={styles.actions}>
          {enabled ? (
            <Button onClick={() => setStep({ kind: 'disable' })}>Turn off</Button>
          ) : (
            <Button variant="primary" busy={setup.isPending} onClick={begin}>
              Turn on
            </Button>
          )}
        </div>
      </>
    );
  }

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 ref={heading} id={headingId} tabIndex={-1} className={styles.heading}>
        Two-factor sign-in {account.data && (enabled ? <Pill tone="success">On</Pill> : <Pill>Off</Pill>)}
      </h2>
      <p role="status" className={`${styles.status} ${status ? styles.success : ''}`}>
        {status}
      </p>
      {body}
    </section>
  );
}
