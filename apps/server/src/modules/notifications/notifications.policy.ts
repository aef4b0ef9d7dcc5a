import type { Viewer } from '../auth';

/** Notifications are private: every logged-in user reads and marks only their own (queries filter by the viewer). */
export const notificationPolicy = {
  readOwn: (_viewer: Viewer) => true,
};
