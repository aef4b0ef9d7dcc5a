import type { User } from '@turnout/contracts';
import type { Viewer } from './viewer';

export const presentUser = (viewer: Pick<Viewer, 'id' | 'name' | 'role' | 'createdAt'>): User => ({
  id: viewer.id,
  name: viewer.name,
  role: viewer.role,
  createdAt: viewer.createdAt.toISOString(),
});
