import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN, USER_NAME_MAX, USER_NAME_MIN, USER_NAME_PATTERN } from '../limits';
import { textSchema, wellFormedSchema } from '../text';

export const RoleSchema = z.enum(['organizer', 'joiner']);
export type Role = z.infer<typeof RoleSchema>;

export const UserNameSchema = textSchema()
  .trim()
  .min(USER_NAME_MIN, `Name must be at least ${USER_NAME_MIN} characters`)
  .max(USER_NAME_MAX, `Name must be at most ${USER_NAME_MAX} characters`)
  .regex(USER_NAME_PATTERN, 'Name may contain only letters, digits, "_", "." and "-"');

export const PasswordSchema = wellFormedSchema()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

export const UserSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const RegisterBodySchema = z.object({
  name: UserNameSchema,
  password: PasswordSchema,
  role: RoleSchema,
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

/** Login does not re-check the name's shape: an unknown name and a wrong password answer alike. */
export const LoginBodySchema = z.object({
  name: textSchema()
    .trim()
    .min(1, 'Name is required')
    .max(USER_NAME_MAX * 4),
  password: wellFormedSchema().min(1, 'Password is required').max(PASSWORD_MAX),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const UserResponseSchema = z.object({ user: UserSchema });
export type UserResponse = z.infer<typeof UserResponseSchema>;
