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
  const response = await fetch(`/api/sessions/${options.sessionId}/${options.kind}.md`, {
    headers: { authorization: `Bearer ${options.token}` },
  }).catch(() => null);
  if (!response) return { ok: false, message: 'The server could not be reached.' };
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    return {
      ok: false,
      message: body?.error?.message ?? `The download failed (${response.status}).`,
    };
  }
  const url = URL.createObjectURL(await response.blob());
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
