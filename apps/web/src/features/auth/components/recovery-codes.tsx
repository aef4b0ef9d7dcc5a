import { useEffect, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { copyText } from '../../../lib/clipboard';
import { showToast } from '../../../lib/toasts';
import styles from './settings.module.css';

const FILE_NAME = 'turnout-recovery-codes.txt';

function download(codes: readonly string[]) {
  const text = `Turnout recovery codes\nEach code signs you in once when you cannot use your authenticator app.\n\n${codes.join('\n')}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The recovery codes, shown this once: the server keeps only their hashes. */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className={styles.form}>
      <h3 ref={heading} tabIndex={-1} className={styles.subheading}>
        Save your recovery codes
      </h3>
      <p className={styles.muted}>
        Two-factor sign-in is on. If you lose your authenticator app, each of these codes signs you in once. They are shown only now: keep
        them somewhere safe, such as a password manager.
      </p>
      <ol className={styles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button
          size="small"
          onClick={async () =>
            showToast({ title: (await copyText(codes.join('\n'))) ? 'Recovery codes copied' : 'Select the codes to copy them' })
          }
        >
          Copy codes
        </Button>
        <Button size="small" onClick={() => download(codes)}>
          Download .txt
        </Button>
      </div>
      <div className={styles.actions}>
        <Button variant="primary" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}
