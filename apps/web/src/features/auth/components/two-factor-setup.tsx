import { ErrorCode, TOTP_DIGITS, TotpEnableBodySchema, type TotpSetupResponse } from '@turnout/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { Skeleton } from '../../../components/ui/skeleton';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromIssues } from '../../../lib/form-errors';
import { useEnableTotp } from '../api/enable-totp';
import styles from './settings.module.css';

/** The secret in groups of four, as people type it into an authenticator app. */
export const groupSecret = (secret: string) =>
  secret
    .replace(/\s+/g, '')
    .match(/.{1,4}/g)
    ?.join(' ') ?? secret;

/** The otpauth:// URL as an SVG QR code in a data: URL (the CSP allows data: images); drawn in the browser. */
function useQrCode(text: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((qrcode) => qrcode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      });
    return () => {
      live = false;
    };
  }, [text]);
  return src;
}

/** Adding the account to an authenticator app, confirmed with a code from it. */
export function TwoFactorSetup({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: TotpSetupResponse;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const enable = useEnableTotp();
  const qr = useQrCode(setup.otpauthUrl);
  const [errors, setErrors] = useState<FormErrors>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = TotpEnableBodySchema.safeParse({ code: new FormData(event.currentTarget).get('code') });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    enable.mutate(parsed.data, {
      onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes),
      onError: (error) =>
        setErrors(
          isApiError(error) && error.code === ErrorCode.totpInvalid ? { code: 'That code is not right' } : { form: errorMessage(error) },
        ),
    });
  }

  return (
    <div className={styles.form}>
      <h3 ref={heading} tabIndex={-1} className={styles.subheading}>
        Add Turnout to your authenticator app
      </h3>
      <div className={styles.steps}>
        {qr ? (
          <img
            className={styles.qr}
            src={qr}
            alt="QR code for your authenticator app. Cannot scan it? Type the setup key shown beside it."
            width={176}
            height={176}
          />
        ) : (
          <Skeleton width="11rem" height="11rem" />
        )}
        <div className={styles.form}>
          <p className={styles.muted}>Scan the code with an app such as Google Authenticator, 1Password or Aegis, or type the key.</p>
          <dl className={styles.key}>
            <dt>Setup key</dt>
            <dd>
              <code>{groupSecret(setup.secret)}</code>
            </dd>
          </dl>
        </div>
      </div>
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        {errors.form && (
          <p role="alert" className={styles.formError}>
            {errors.form}
          </p>
        )}
        <Field label="Code from the app" error={errors.code} hint={`The ${TOTP_DIGITS}-digit code the app shows for Turnout.`}>
          {(props) => <input {...props} name="code" autoComplete="one-time-code" inputMode="numeric" spellCheck={false} required />}
        </Field>
        <div className={styles.actions}>
          <Button type="submit" variant="primary" busy={enable.isPending}>
            Turn on two-factor sign-in
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
