// The return-to URL kept across a login: only same-app paths are accepted (no open redirect).

export function loginPath(current: string): string {
  // already on the login page (a late 401): keep its return-to URL
  if (current.startsWith('/login')) return current;
  return current && current !== '/' ? `/login?next=${encodeURIComponent(current)}` : '/login';
}

export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/monitoring';
  return next;
}
