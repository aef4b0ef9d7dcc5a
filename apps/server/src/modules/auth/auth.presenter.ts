import type { Account, MeResponse, Session, User } from '@turnout/contracts';
import type { SessionRow } from '../../db/schema';
import { imageUrl } from '../images/image-url';
import type { AccountState } from './auth.repository';
import type { Viewer } from './viewer';

export const presentUser = (viewer: Pick<Viewer, 'id' | 'name' | 'role' | 'createdAt'>, avatarId: string | null): User => ({
  id: viewer.id,
  name: viewer.name,
  role: viewer.role,
  avatarUrl: avatarId === null ? null : imageUrl(avatarId),
  createdAt: viewer.createdAt.toISOString(),
});

/** Only ever sent to the account's owner (register, login, /api/auth/me). */
export const presentMe = (viewer: Viewer, account: AccountState): MeResponse => ({
  user: presentUser(viewer, account.avatarId),
  account: { email: account.email, emailVerified: account.emailVerified, totpEnabled: account.totpEnabled } satisfies Account,
});

export const presentSession = (row: SessionRow, viewer: Viewer): Session => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  lastSeenAt: row.lastSeenAt.toISOString(),
  userAgent: row.userAgent,
  current: row.tokenHash === viewer.sessionId,
});
