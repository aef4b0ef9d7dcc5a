import { describe, expect, it } from 'vitest';
import type { MailKind, MailTemplate } from './mail-message';
import { loadMailTemplates } from './templates';
import { escapeHtml, formatUtc } from './templates/format';
import { mailKinds } from './templates/index';

const hostile = '<img src=x onerror=alert(1)>';
const at = new Date('2026-03-04T05:06:07Z');
const link = 'http://turnout.test/reset-password#token=abc_DEF-123&x="1"';

/** One template of every kind, each carrying the hostile name. */
const examples: { [K in MailKind]: Extract<MailTemplate, { kind: K }> } = {
  verify_email: { kind: 'verify_email', name: hostile, link, expiresHours: 48 },
  password_reset: { kind: 'password_reset', name: hostile, link, expiresMinutes: 30 },
  password_changed: { kind: 'password_changed', name: hostile, at },
  email_changed: { kind: 'email_changed', name: hostile, newEmail: '"><script>alert(2)</script>@evil.test', at },
  two_factor_changed: { kind: 'two_factor_changed', name: hostile, enabled: true, at },
};
const all = Object.values(examples) as MailTemplate[];

describe('mail templates', async () => {
  const { renderMail } = await loadMailTemplates();

  it('covers every kind of mail', () => {
    expect([...mailKinds].sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(all)('$kind renders a subject, a text part and a full HTML document', (template) => {
    const mail = renderMail(template);
    expect(mail.subject).toMatch(/Turnout/);
    expect(mail.subject).not.toMatch(/[\r\n<>]/);
    expect(mail.text).toContain('Hi <img src=x onerror=alert(1)>,');
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).toContain('</html>');
    // Every slot was filled and MJML left no element of its own behind.
    expect(mail.html).not.toMatch(/\{\{|<mj-/);
  });

  it.each(all)('$kind escapes what users wrote: no markup of theirs reaches the HTML', (template) => {
    const { html } = renderMail(template);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain(escapeHtml(hostile));
    if (template.kind === 'email_changed') expect(html).toContain('&#34;&#62;&#60;script&#62;alert(2)&#60;/script&#62;@evil.test');
  });

  it.each(all)('$kind reads in dark mode and on phones', (template) => {
    const { html } = renderMail(template);
    expect(html).toContain('<meta name="color-scheme" content="light dark" />');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\) \{[^}]*background: #0e0e12 !important/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    // No font or image is fetched from elsewhere when the mail is opened.
    expect(html).not.toMatch(/fonts\.googleapis|<img/);
    // Text is never smaller than 16px.
    const sizes = [...html.matchAll(/font-size:\s*(\d+)px/g)].map((m) => Number(m[1])).filter((px) => px > 1);
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
  });

  it.each([examples.verify_email, examples.password_reset])('$kind carries its link in both parts, and a big button', (template) => {
    const { html, text } = renderMail(template);
    expect(text).toContain(`\n${link}\n`);
    expect(html).toContain(`href="${escapeHtml(link)}"`);
    expect(html).toMatch(/font-size:18px[^"]*"[^>]*>\s*Choose a new password|font-size:18px[^"]*"[^>]*>\s*Confirm email address/);
    expect(html).toContain('.t-button table { width: 100% !important; }');
  });

  it('says how long a link lasts', () => {
    expect(renderMail(examples.password_reset).text).toContain('for 30 minutes');
    expect(renderMail(examples.password_reset).html).toContain('for 30 minutes');
    expect(renderMail(examples.verify_email).text).toContain('for 48 hours');
    expect(renderMail(examples.verify_email).html).toContain('for 48 hours');
  });

  it.each([examples.password_changed, examples.email_changed, examples.two_factor_changed])(
    '$kind names the time in UTC, saying so',
    (template) => {
      const { html, text } = renderMail(template);
      expect(formatUtc(at)).toBe('4 March 2026 at 05:06 UTC');
      expect(text).toContain('4 March 2026 at 05:06 UTC');
      expect(html).toContain('4 March 2026 at 05:06 UTC');
    },
  );

  it('tells the new address in an address change, and whether two-factor went on or off', () => {
    expect(renderMail({ ...examples.email_changed, newEmail: 'new@example.test' }).text).toContain('changed to new@example.test');
    const on = renderMail({ ...examples.two_factor_changed, enabled: true });
    const off = renderMail({ ...examples.two_factor_changed, enabled: false });
    expect(on.subject).toBe('Two-factor sign-in is on for your Turnout account');
    expect(off.subject).toBe('Two-factor sign-in was turned off for your Turnout account');
    expect(off.html).toContain('Two-factor sign-in was turned off');
    expect(on.text).toContain('recovery codes');
  });

  it('compiles once: later loads answer the same templates', async () => {
    expect(await loadMailTemplates()).toBe(await loadMailTemplates());
  });
});
