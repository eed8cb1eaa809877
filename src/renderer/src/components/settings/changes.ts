// Building a settings change from a section's drafts: only what the person changed is sent.

/** A secret field: untouched, being replaced (empty text still keeps the saved one), or to be removed. */
export type SecretDraft = { kind: 'keep' } | { kind: 'replace'; value: string } | { kind: 'remove' };

export const KEEP: SecretDraft = { kind: 'keep' };

/** What was typed into a secret field, trimmed; undefined when nothing was. */
export function typedSecret(draft: SecretDraft): string | undefined {
  return draft.kind === 'replace' ? draft.value.trim() || undefined : undefined;
}

/** The update for a secret: undefined keeps the saved one, null removes it. */
export function secretChange(draft: SecretDraft): string | null | undefined {
  return draft.kind === 'remove' ? null : typedSecret(draft);
}

/** Whether a secret will be there after saving: a new one typed, or the saved one kept. */
export function hasSecret(draft: SecretDraft, savedSet: boolean): boolean {
  return typedSecret(draft) !== undefined || (savedSet && draft.kind !== 'remove');
}

/** The edited value, when there is one and it differs from the saved one. */
export function changed<T>(draft: T | null, saved: T): T | undefined {
  return draft !== null && draft !== saved ? draft : undefined;
}

/** The object without its undefined entries (null stays: it clears), or undefined when empty. */
export function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/** A number typed in a field; NaN when it is empty or not a number. */
export function parseNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}
