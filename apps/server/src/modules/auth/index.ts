// The auth module as the rest of the server sees it; nothing outside imports its files directly,
// except `viewer.ts`, the leaf type that plugins and realtime share with every module.
export { accountRoutes } from './account.routes';
export { type AccountService, createAccountService } from './account.service';
export { AUTH_JOBS, defineAuthJobs } from './auth.jobs';
export { presentMe } from './auth.presenter';
export { authRoutes } from './auth.routes';
export { type AuthService, createAuthService } from './auth.service';
export { createPasswordHasher, type PasswordHasher } from './passwords';
export { SESSION_CACHE_TTL_MS } from './session-cache';
export { sessionRoutes } from './sessions.routes';
export { totpRoutes } from './totp.routes';
export { createTotpService, type TotpService } from './totp.service';
export { createSecretBox, loadTotpKey, type SecretBox } from './totp-secrets';
export type { Viewer } from './viewer';
