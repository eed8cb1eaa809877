// Secrets never reach logs, errors or the renderer in clear.

/** mongodb+srv://user:secret@host/db -> mongodb+srv://user:****@host/db */
export function redactUri(text: string): string {
  return text.replace(/(mongodb(?:\+srv)?:\/\/)([^:@/\s]+):([^@/\s]+)@/gi, '$1$2:****@');
}

/** Replaces every occurrence of the given secrets, and any apikey=... query parameter. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let out = redactUri(text).replace(/([?&]apikey=)[^&\s]+/gi, '$1****');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('****');
  }
  return out;
}
