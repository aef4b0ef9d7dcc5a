import type { Page } from 'playwright-core';

export type Role = 'Organizer' | 'Joiner';

/** The address a test user registers with unless a spec chooses one. */
export const emailFor = (name: string) => `${name.toLowerCase()}@e2e.test`;

/** Registers through the form; lands on the dashboard logged in. */
export async function register(
  page: Page,
  name: string,
  role: Role,
  password = 'correct horse battery',
  email = emailFor(name),
): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('radio', { name: role }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Fills the login form and sends it (a second step may follow: see `enterLoginCode`). */
export async function submitLogin(page: Page, name: string, password = 'correct horse battery'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function logIn(page: Page, name: string, password = 'correct horse battery'): Promise<void> {
  await submitLogin(page, name, password);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** The login's second step, for an account with two-factor sign-in on. */
export async function enterLoginCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Authentication code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verify and log in' }).click();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
}
