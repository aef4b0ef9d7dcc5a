/** Named limits shared by the server's validation and the web app's forms (docs/product.md §2). */
export const USER_NAME_MIN = 3;
export const USER_NAME_MAX = 32;
export const USER_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX = 254;
/** A password-reset link is good for this long. */
export const PASSWORD_RESET_MINUTES = 30;
/** An email verification link is good for this long. */
export const EMAIL_VERIFICATION_HOURS = 48;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

export const EVENT_TITLE_MAX = 120;
export const EVENT_DESCRIPTION_MAX = 5000;
export const EVENT_LOCATION_MAX = 200;
/** An online event's join link (docs/product.md §11). */
export const EVENT_ONLINE_URL_MAX = 2000;
export const EVENT_DURATION_MIN = 1;
export const EVENT_DURATION_MAX = 43_200;
export const EVENT_CAPACITY_MIN = 1;
export const EVENT_CAPACITY_MAX = 100_000;

export const EVENT_LIST_LIMIT_DEFAULT = 20;
export const EVENT_LIST_LIMIT_MAX = 100;
export const NOTIFICATION_LIST_LIMIT = 50;

/** Largest JSON body the API accepts, in bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Reminders per event, each a number of minutes before the start (docs/product.md §8). */
export const REMINDERS_MAX = 3;
export const REMINDER_MINUTES_MIN = 1;
/** Two weeks. */
export const REMINDER_MINUTES_MAX = 20_160;
export const REMINDERS_DEFAULT: readonly number[] = [1440, 60];
export const ANNOUNCEMENT_BODY_MAX = 2000;
/** Announcements one event may send in any hour. */
export const ANNOUNCEMENTS_PER_HOUR = 6;
export const ANNOUNCEMENT_LIST_LIMIT = 50;

/** Largest image upload (a cover or an avatar) the API accepts, in bytes (docs/product.md §11). */
export const IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** A cover is stored at this size: the event page's 2:1 banner. */
export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 800;
/** An avatar is stored as a square of this side. */
export const AVATAR_SIZE = 256;
