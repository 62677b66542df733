// Undoes the usual defanging of indicators in reports and feeds: hxxp(s)/fxp schemes, [.] (.) {.} [dot], [:] [://], [at] (at) [@].
export function refang(text: string): string {
  return text
    .replace(/^h(?:xx|\*\*)p(s?)(?=\[?:)/i, 'http$1')
    .replace(/^fxp(s?)(?=\[?:)/i, 'ftp$1')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\s*(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})\s*/gi, '.')
    .replace(/\s*(?:\[at\]|\(at\)|\{at\}|\[@\])\s*/gi, '@');
}
