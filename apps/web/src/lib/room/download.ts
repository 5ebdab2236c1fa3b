import { createApiClient } from '@roundtable/client';

/**
 * Fetches one of the participant's own Markdown exports and saves it as a file. The export
 * needs the resume credential as a bearer token, so a plain link cannot do it.
 */
export async function downloadExport(options: {
  sessionId: string;
  kind: 'notes' | 'takeaways';
  token: string;
  filename: string;
}): Promise<{ ok: true } | { ok: false; message: string }> {
  const api = createApiClient({ baseUrl: '' });
  const markdown = await api.download(options.sessionId, options.kind, options.token);
  if (!markdown.ok) return { ok: false, message: markdown.error.message };
  const file = new Blob([markdown.value], { type: 'text/markdown; charset=utf-8' });
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = options.filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns; free it once the download surely has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true };
}
