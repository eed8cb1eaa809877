// What the renderer can tell from a connection string, typed or masked (the core only ever sends masks).

/**
 * The database a connection string names in its path ("mongodb+srv://u:****@host/leads?w=1" → "leads"),
 * or null when it names none or a cut mask hides it. The path starts after the host, which follows the
 * last "@" (a password may hold "/" or "@" before it is encoded).
 */
export function databaseNamedBy(uri: string | null | undefined): string | null {
  const rest = /^mongodb(?:\+srv)?:\/\/(.*)$/s.exec(uri?.trim() ?? '')?.[1];
  if (rest === undefined) return null;
  const hostAndPath = rest.slice(rest.lastIndexOf('@') + 1).split(/[?#]/)[0] ?? '';
  const slash = hostAndPath.indexOf('/');
  const name = slash < 0 ? '' : hostAndPath.slice(slash + 1);
  if (name === '' || name.endsWith('…')) return null;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
