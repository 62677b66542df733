// The return-to URL kept across a login: only same-app paths are accepted (no open redirect).

export function loginPath(current: string): string {
  return current && current !== '/' && !current.startsWith('/login') ? `/login?next=${encodeURIComponent(current)}` : '/login';
}

export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/monitoring';
  return next;
}
