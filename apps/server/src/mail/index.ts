export { createAppMailer, mailReachesLogOnly } from './app-mailer';
export type { Mailer, MailKind, MailTemplate, RenderedMail } from './mail-message';
export { createMailer } from './mailer';
export { loadMailTemplates } from './templates';
export { createLogTransport, createMailTransport, createSmtpTransport, MailSendError, type MailTransport } from './transport';
