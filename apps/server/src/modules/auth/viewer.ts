import type { Role } from '@turnout/contracts';

/** The user behind a request, as every policy and service sees them. */
export interface Viewer {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  /** Hash of the session token the request came with: identifies the session, not the secret. */
  sessionId: string;
}
