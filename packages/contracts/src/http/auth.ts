import { z } from 'zod';
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, USER_NAME_MAX, USER_NAME_MIN, USER_NAME_PATTERN } from '../limits';
import { textSchema, wellFormedSchema } from '../text';

export const RoleSchema = z.enum(['organizer', 'joiner']);
export type Role = z.infer<typeof RoleSchema>;

export const UserNameSchema = textSchema()
  .trim()
  .min(USER_NAME_MIN, `Name must be at least ${USER_NAME_MIN} characters`)
  .max(USER_NAME_MAX, `Name must be at most ${USER_NAME_MAX} characters`)
  .regex(USER_NAME_PATTERN, 'Name may contain only letters, digits, “_”, “.” and “-”');

/** The shape only: whether a password is too common is the server's check (docs/product.md §8). */
export const PasswordSchema = wellFormedSchema()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

/** An address as typed: trimmed; compared without regard to case, kept as given. */
export const EmailSchema = textSchema()
  .trim()
  .max(EMAIL_MAX, `Email must be at most ${EMAIL_MAX} characters`)
  .pipe(z.email({ message: 'Enter an email address like name@example.com' }));

export const UserSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: RoleSchema,
  /** Their uploaded avatar, or null: pages show their initials. */
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/** What only the account's owner sees about it: never part of a `User` anyone else receives. */
export const AccountSchema = z.object({
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  totpEnabled: z.boolean(),
});
export type Account = z.infer<typeof AccountSchema>;

export const RegisterBodySchema = z.object({
  name: UserNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  role: RoleSchema,
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

/** A six-digit authenticator code or a recovery code (`xxxxx-xxxxx`); spaces and dashes are ignored. */
export const TotpInputSchema = textSchema().trim().min(1, 'Enter the code').max(64);

/** Login does not re-check the name's shape: an unknown name and a wrong password answer alike. */
export const LoginBodySchema = z.object({
  name: textSchema()
    .trim()
    .min(1, 'Name is required')
    .max(USER_NAME_MAX * 4),
  password: wellFormedSchema().min(1, 'Password is required').max(PASSWORD_MAX),
  /** Needed once two-factor sign-in is on: without it the answer is 401 `totp_required`. */
  totp: TotpInputSchema.optional(),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const UserResponseSchema = z.object({ user: UserSchema });
export type UserResponse = z.infer<typeof UserResponseSchema>;

/** Register, login and /api/auth/me: the user, and what only its owner sees. */
export const MeResponseSchema = z.object({ user: UserSchema, account: AccountSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

const TokenSchema = textSchema().trim().min(1, 'The link is incomplete').max(200);

export const ForgotPasswordBodySchema = z.object({ email: EmailSchema });
export type ForgotPasswordBody = z.infer<typeof ForgotPasswordBodySchema>;

export const ResetPasswordBodySchema = z.object({ token: TokenSchema, password: PasswordSchema });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBodySchema>;

export const ChangePasswordBodySchema = z.object({
  currentPassword: wellFormedSchema().min(1, 'Current password is required').max(PASSWORD_MAX),
  newPassword: PasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

export const ChangeEmailBodySchema = z.object({ email: EmailSchema });
export type ChangeEmailBody = z.infer<typeof ChangeEmailBodySchema>;

export const VerifyEmailBodySchema = z.object({ token: TokenSchema });
export type VerifyEmailBody = z.infer<typeof VerifyEmailBodySchema>;

export const SessionSchema = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;

export const SessionListResponseSchema = z.object({ sessions: z.array(SessionSchema) });
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>;

export const SessionParamsSchema = z.object({ id: z.string().uuid() });

export const TotpSetupResponseSchema = z.object({
  /** Base32, for typing into an authenticator by hand. */
  secret: z.string(),
  /** otpauth://totp/… for the QR code. */
  otpauthUrl: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponseSchema>;

export const TotpEnableBodySchema = z.object({ code: TotpInputSchema });
export type TotpEnableBody = z.infer<typeof TotpEnableBodySchema>;

export const TotpEnableResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type TotpEnableResponse = z.infer<typeof TotpEnableResponseSchema>;

export const TotpDisableBodySchema = z.object({ password: wellFormedSchema().min(1, 'Password is required').max(PASSWORD_MAX) });
export type TotpDisableBody = z.infer<typeof TotpDisableBodySchema>;
