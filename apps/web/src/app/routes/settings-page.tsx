import { useViewer } from '../../features/auth/api/get-me';
import { EmailSettings } from '../../features/auth/components/email-settings';
import { PasswordSettings } from '../../features/auth/components/password-settings';
import { ProfilePhotoSettings } from '../../features/auth/components/profile-photo-settings';
import { SessionsSettings } from '../../features/auth/components/sessions-settings';
import { TwoFactorSettings } from '../../features/auth/components/two-factor-settings';
import { MailSettings } from '../../features/preferences/components/mail-settings';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './page.module.css';

/** The signed-in user's own account: photo, address, mail, password, sessions, two-factor sign-in. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const viewer = useViewer();
  return (
    <div className={`${styles.narrow} ${styles.stack}`}>
      <header>
        <h1 className={styles.title}>Settings</h1>
        <p className={styles.lead}>Your account’s photo, address, mail, password and sign-in.</p>
      </header>
      <ProfilePhotoSettings />
      <EmailSettings />
      <MailSettings organizer={viewer?.role === 'organizer'} />
      <PasswordSettings />
      <TwoFactorSettings />
      <SessionsSettings />
    </div>
  );
}
