// Parses a mailbox's .eml files into the facts the Email Security page lists and searches.
import PostalMime, { type Address } from 'postal-mime';

export interface ParsedMail {
  messageId: string | null;
  sentAt: number;
  sender: string;
  recipients: string[];
  subject: string;
  attachments: { name: string; mime: string; size: number }[];
  bodyText: string;
}

function addresses(list: Address | Address[] | undefined): string[] {
  const all = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return all.flatMap((a) => (a.group ? a.group.map((m) => m.address) : a.address ? [a.address] : []));
}

function size(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

export async function parseMail(raw: Buffer, fallbackTime: number): Promise<ParsedMail> {
  const mail = await PostalMime.parse(raw);
  const sent = mail.date ? Date.parse(mail.date) : Number.NaN;
  return {
    messageId: mail.messageId ?? null,
    sentAt: Number.isFinite(sent) ? sent : fallbackTime,
    sender: addresses(mail.from)[0] ?? '',
    recipients: addresses(mail.to),
    subject: mail.subject ?? '',
    attachments: mail.attachments.map((a) => ({ name: a.filename ?? '(unnamed)', mime: a.mimeType, size: size(a.content) })),
    bodyText: mail.text ?? (mail.html ? mail.html.replace(/<[^>]*>/g, ' ') : ''),
  };
}
