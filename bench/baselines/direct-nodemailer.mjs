// The mail figure's baseline: the same password-reset mails Turnout sends, rendered beforehand with
// Turnout's own templates, handed straight to nodemailer with the server's pool options and the
// same SMTP sink. No queue, no database. Run with `node --import tsx` (it imports the TypeScript).
// argv: {smtpUrl, from, origin}. For every stdin line {"send": N, "names": [...], "emails": [...]}
// it renders the N mails, sends them all at once and prints {"sent": {count, ms}}.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createTransport } from 'nodemailer';
import { loadMailTemplates } from '../../apps/server/src/mail/templates/index.ts';
import { smtpPoolOptions } from '../../apps/server/src/mail/transport.ts';

const { smtpUrl, from, origin } = JSON.parse(process.argv[2]);
const transporter = createTransport({ ...smtpPoolOptions, url: smtpUrl });
const { renderMail } = await loadMailTemplates();

createInterface({ input: process.stdin }).on('line', async (line) => {
  const { names, emails } = JSON.parse(line);
  const mails = emails.map((to, i) => ({
    from,
    to,
    ...renderMail({
      kind: 'password_reset',
      name: names[i],
      link: `${origin}/reset-password#token=${randomBytes(32).toString('base64url')}`,
      expiresMinutes: 30,
    }),
    headers: { 'Auto-Submitted': 'auto-generated' },
  }));
  const started = performance.now();
  await Promise.all(mails.map((mail) => transporter.sendMail(mail)));
  console.log(JSON.stringify({ sent: { count: mails.length, ms: performance.now() - started } }));
});
process.stdin.on('end', () => {
  transporter.close();
  process.exit(0);
});
console.log(JSON.stringify({ ready: true }));
