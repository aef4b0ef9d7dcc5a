/** Every mail the server sends, by kind, with what its template needs. */
export type MailTemplate =
  | { kind: 'verify_email'; name: string; link: string; expiresHours: number }
  | { kind: 'password_reset'; name: string; link: string; expiresMinutes: number }
  | { kind: 'password_changed'; name: string; at: Date }
  | { kind: 'email_changed'; name: string; newEmail: string; at: Date }
  | { kind: 'two_factor_changed'; name: string; enabled: boolean; at: Date };

export type MailKind = MailTemplate['kind'];

/** A mail ready to leave: both parts rendered. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends mail. Called only from jobs (never inside a request): `jobId` makes a retried job's
 * second call send nothing when the first one's mail already left.
 */
export interface Mailer {
  /** Whether the job already sent its mail (a retry after the mail left need not build it again). */
  alreadySent(jobId: string): Promise<boolean>;
  send(jobId: string, to: string, template: MailTemplate): Promise<void>;
}
