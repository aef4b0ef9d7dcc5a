// The auth module as the rest of the server sees it; nothing outside imports its files directly,
// except `viewer.ts`, the leaf type that plugins and realtime share with every module.
export { authRoutes } from './auth.routes';
export { type AuthService, createAuthService } from './auth.service';
export { createPasswordHasher, type PasswordHasher } from './passwords';
export type { Viewer } from './viewer';
