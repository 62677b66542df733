// Sandbox hooks: static analysis of an uploaded file, and a URL opened in the isolated browser.
import { useMutation } from '@tanstack/react-query';
import { api, rawRequest, unwrapAs } from '../api/client.ts';
import type { FileReport, UrlReport } from '../api/types.ts';

export function useAnalyzeFile() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (file: File) =>
      rawRequest<FileReport>(`/api/analysis/file?${new URLSearchParams({ name: file.name })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      }),
  });
}

export function useAnalyzeUrl() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (url: string) => unwrapAs<UrlReport>(api.POST('/api/analysis/url', { body: { url } })),
  });
}

export const screenshotUrl = (sha256: string): string => `/api/analysis/screenshots/${encodeURIComponent(sha256)}`;
