import { useViewer } from '../../features/auth/api/get-me';
import { EmailSettings } from '../../features/auth/components/email-settings';
import { PasswordSettings } from '../../features/auth/components/password-settings';
import { SessionsSettings } from '../../features/auth/components/sessions-settings';
import { TwoFactorSettings } from '../../features/auth/components/two-factor-settings';
import { MailSettings } from '../../features/preferences/components/mail-settings';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './page.module.css';

/** The signed-in user's own account: address, mail, password, sessions, two-factor sign-in. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const viewer = useViewer();
  return (
    <div className={`${styles.narrow} ${styles.stack}`}>
      <header>
        <h1 className={styles.title}>Settings</h1>
        <p className={styles.lead}>Your account’s address, mail, password and sign-in.</p>
      </header>
      <EmailSettings />
      <MailSettings organizer={viewer?.role === 'organizer'} />
      <PasswordSettings />
      <TwoFactorSettings />
      <SessionsSettings />
    </div>
  );
}
