export { createAppMailer, mailReachesLogOnly } from './app-mailer';
export type { CalendarPart, EventChange, MailEvent, Mailer, MailKind, MailTemplate, RenderedMail, Unsubscribe } from './mail-message';
export { createMailer } from './mailer';
export { loadMailTemplates } from './templates';
export { createLogTransport, createMailTransport, createSmtpTransport, MailSendError, type MailTransport } from './transport';
