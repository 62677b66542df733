// The only place HTML from data is rendered: a mail's HTML body in `<iframe sandbox="">` (no scripts, opaque origin, no forms,
// no popups), whose srcdoc starts with its own CSP (nothing loads from the network: only data: images and inline styles).
import { Box } from '@mantine/core';

export const MAIL_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** The frame's document: the CSP meta comes first, before anything of the message. */
export function mailDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}"><meta name="referrer" content="no-referrer"><style>body{font-family:sans-serif;font-size:14px;margin:12px;color:#1a1b1e;background:#fff;}</style></head><body>${html}</body></html>`;
}

export function MailFrame({ html, title }: { html: string; title: string }) {
  return (
    <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden', resize: 'vertical', height: 460 }}>
      <iframe
        // an empty sandbox: every restriction applies (no allow-scripts, no allow-same-origin)
        sandbox=""
        srcDoc={mailDocument(html)}
        title={title}
        referrerPolicy="no-referrer"
        data-testid="mail-frame"
        style={{ width: '100%', height: '100%', border: 0, background: '#fff', display: 'block' }}
      />
    </Box>
  );
}
