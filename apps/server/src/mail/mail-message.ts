/** An event as a mail shows it (instants ISO 8601, UTC). */
export interface MailEvent {
  id: string;
  title: string;
  /** With `location`, what the mail names as the place (`describePlace`); never the join link, which goes in `joinUrl`. */
  locationType: 'venue' | 'online';
  location: string;
  startsAt: string;
  endsAt: string;
  /** The event's own zone: times are given in it, and in the reader's when that differs. */
  timezone: string;
}

/** The two ways out of one kind of mail: the page a person opens, and the RFC 8058 one-click POST. */
export interface Unsubscribe {
  /** `${origin}/unsubscribe#token=…`: a page that says what it turns off and asks to confirm. */
  pageUrl: string;
  /** `${origin}/api/unsubscribe/…`: `List-Unsubscribe`, answered by a POST with no login. */
  oneClickUrl: string;
}

/** An iCalendar document sent with the mail, for calendar apps to add, update or remove the event. */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  ics: string;
}

/** What every mail about one event carries. */
export interface AboutEvent {
  name: string;
  event: MailEvent;
  /** The reader's zone (their preference), or null when unknown: then the event's zone and UTC. */
  readerTimeZone: string | null;
  /** The event's page in the app. */
  eventUrl: string;
  /** An online event's join link, in mail to someone with a seat only (reminders, confirmations, changes); else absent. */
  joinUrl?: string | null;
  unsubscribe: Unsubscribe;
}

/** What changed in an edit, as a mail says it; `link` is an online event's join link. */
export type EventChange = 'time' | 'duration' | 'place' | 'link' | 'title' | 'description';

export interface DigestEvent {
  title: string;
  url: string;
  joins: number;
  leaves: number;
  joinedCount: number;
  waitlistCount: number;
  capacity: number | null;
}

/** Every mail the server sends, by kind, with what its template needs. */
export type MailTemplate =
  | { kind: 'verify_email'; name: string; link: string; expiresHours: number }
  | { kind: 'password_reset'; name: string; link: string; expiresMinutes: number }
  | { kind: 'password_changed'; name: string; at: Date }
  | { kind: 'email_changed'; name: string; newEmail: string; at: Date }
  | { kind: 'two_factor_changed'; name: string; enabled: boolean; at: Date }
  | ({ kind: 'event_reminder'; minutesBefore: number } & AboutEvent)
  | ({ kind: 'announcement'; authorName: string; body: string } & AboutEvent)
  /** `previous`: the event as it was before the edit, to say what it was. */
  | ({ kind: 'event_changed'; changes: EventChange[]; previous: MailEvent; calendar: CalendarPart } & AboutEvent)
  /** `eventUrl` is the dashboard: the event's page is gone. */
  | ({ kind: 'event_cancelled'; calendar: CalendarPart } & AboutEvent)
  /** A seat taken by joining, or (`promoted`) given from the waitlist. */
  | ({ kind: 'join_confirmation'; promoted: boolean; calendar: CalendarPart } & AboutEvent)
  | {
      kind: 'organizer_digest';
      name: string;
      /** The day it covers, YYYY-MM-DD in the reader's zone (UTC when unknown). */
      day: string;
      readerTimeZone: string | null;
      events: DigestEvent[];
      unsubscribe: Unsubscribe;
    };

export type MailKind = MailTemplate['kind'];

/** One mail of a batch: its key (once per key), its address and what it says. */
export interface OneMail {
  key: string;
  to: string;
  template: MailTemplate;
}

/** A mail ready to leave: both parts rendered, and what goes with them. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The RFC 8058 one-click URL (List-Unsubscribe, with List-Unsubscribe-Post). */
  listUnsubscribe?: string;
  calendar?: CalendarPart;
}

/**
 * Sends mail. Called only from jobs (never inside a request): `jobId` makes a retried job's
 * second call send nothing when the first one's mail already left.
 */
export interface Mailer {
  /** Whether the job already sent its mail (a retry after the mail left need not build it again). */
  alreadySent(jobId: string): Promise<boolean>;
  /**
   * `jobId` is the sending job's id, or, for a job that mails several people, its id and the
   * recipient's (`${job.id}:${userId}`): each mail is sent once under its key.
   */
  send(jobId: string, to: string, template: MailTemplate): Promise<void>;
  /**
   * Sends a batch, each mail once under its own key (`${job.id}:${userId}`), the batch's earlier
   * sends found in one look-up; throws once all were tried if any failed.
   */
  sendEach(mails: readonly OneMail[]): Promise<void>;
}
