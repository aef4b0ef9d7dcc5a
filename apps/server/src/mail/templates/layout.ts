/**
 * The one look every mail shares, as MJML: the product's colours and type (apps/web/src/styles/
 * tokens.css), one column, 16 px text at least, a full-width button on phones, and dark-mode
 * colours for clients that honour `prefers-color-scheme`.
 *
 * Templates write `{{slot}}` where a value goes; the document is compiled once with the slots in
 * place and each value is HTML-escaped when it is filled in (templates/index.ts).
 */

import { accountFooter } from './template-source';

const light = {
  bg: '#f6f6f8',
  surface: '#ffffff',
  text: '#17171c',
  muted: '#52525b',
  border: '#e2e2e8',
  primary: '#4f46e5',
  onPrimary: '#ffffff',
  primaryText: '#4338ca',
};
const dark = {
  bg: '#0e0e12',
  surface: '#17171d',
  text: '#f2f2f5',
  muted: '#a7a7b3',
  border: '#2b2b35',
  primary: '#8f96ff',
  onPrimary: '#0e0e12',
  primaryText: '#b4b9ff',
};
const fontSans = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const fontMono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

// MJML writes its colours inline; these classes (css-class) let the dark palette win over them.
const darkStyles = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    body, .t-page, .t-page > div { background: ${dark.bg} !important; }
    .t-card, .t-card > table, .t-card > table > tbody > tr > td { background: ${dark.surface} !important; border-color: ${dark.border} !important; }
    .t-text div, .t-text p, .t-text span { color: ${dark.text} !important; }
    .t-muted div, .t-muted p, .t-muted span { color: ${dark.muted} !important; }
    .t-text a, .t-muted a { color: ${dark.primaryText} !important; }
    .t-brand div { color: ${dark.primaryText} !important; }
    .t-button table td, .t-button a, .t-button p { background: ${dark.primary} !important; color: ${dark.onPrimary} !important; }
    .t-divider p { border-color: ${dark.border} !important; }
  }
  @media only screen and (max-width: 480px) {
    .t-button table { width: 100% !important; }
    .t-button a { display: block !important; }
  }
`;

export interface MailLayout {
  /** Shown by mail clients beside the subject. */
  preview: string;
  heading: string;
  /** Paragraphs of text (slots allowed; no markup). */
  paragraphs: string[];
  /** A call to action: its label and the slot holding its link. */
  button?: { label: string; hrefSlot: string };
  /** Paragraphs after the button, in the muted colour. */
  notes: string[];
  /**
   * For mail about an event: why the reader gets it (slots allowed) and the visible link that
   * stops this kind of mail. Without it, the account footer.
   */
  footer?: { reason: string; unsubscribe: { label: string; hrefSlot: string } };
}

/** How a link inside text looks (a multi-line slot's links are written when it is filled in). */
export const inlineLinkStyle = `color: ${light.primaryText};`;

const paragraph = (text: string, cssClass: 't-text' | 't-muted') =>
  `<mj-text css-class="${cssClass}" color="${cssClass === 't-muted' ? light.muted : light.text}">${text}</mj-text>`;

/** The MJML source of one mail. */
export function mailDocument({ preview, heading, paragraphs, button, notes, footer }: MailLayout): string {
  const buttonBlock = button
    ? `<mj-button css-class="t-button" href="{{${button.hrefSlot}}}">${button.label}</mj-button>
       <mj-text css-class="t-muted" color="${light.muted}">If the button does not work, open this link:<br /><a href="{{${button.hrefSlot}}}" style="color: ${light.primaryText}; font-family: ${fontMono}; word-break: break-all;">{{${button.hrefSlot}}}</a></mj-text>`
    : '';
  const footerText = footer
    ? `${footer.reason}<br /><a href="{{${footer.unsubscribe.hrefSlot}}}" style="${inlineLinkStyle}">${footer.unsubscribe.label}</a>`
    : accountFooter;
  return `<mjml lang="en">
  <mj-head>
    <mj-title>${heading}</mj-title>
    <mj-preview>${preview}</mj-preview>
    <mj-raw><meta name="color-scheme" content="light dark" /></mj-raw>
    <mj-raw><meta name="supported-color-schemes" content="light dark" /></mj-raw>
    <mj-breakpoint width="480px" />
    <mj-attributes>
      <mj-all font-family="${fontSans}" />
      <mj-text font-size="16px" line-height="1.5" color="${light.text}" padding="8px 24px" />
      <mj-button font-size="18px" font-weight="600" background-color="${light.primary}" color="${light.onPrimary}"
        border-radius="10px" inner-padding="16px 32px" padding="16px 24px" align="left" />
    </mj-attributes>
    <mj-style>${darkStyles}</mj-style>
  </mj-head>
  <mj-body background-color="${light.bg}" width="600px" css-class="t-page">
    <mj-section padding="24px 16px 8px">
      <mj-column>
        <mj-text css-class="t-brand" font-size="20px" font-weight="700" color="${light.primaryText}">Turnout</mj-text>
      </mj-column>
    </mj-section>
    <mj-wrapper padding="0 16px">
      <mj-section css-class="t-card" background-color="${light.surface}" border="1px solid ${light.border}" border-radius="16px" padding="16px 0">
        <mj-column>
          <mj-text css-class="t-text" font-size="24px" font-weight="700" line-height="1.25" padding="8px 24px 16px">${heading}</mj-text>
          ${paragraphs.map((p) => paragraph(p, 't-text')).join('\n          ')}
          ${buttonBlock}
          ${notes.map((p) => paragraph(p, 't-muted')).join('\n          ')}
        </mj-column>
      </mj-section>
    </mj-wrapper>
    <mj-section padding="16px 16px 32px">
      <mj-column>
        <mj-text css-class="t-muted" color="${light.muted}">${footerText}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
