import type { ReactNode } from 'react';

/** Only web addresses become links: a CRM could hand back anything. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A link to a page outside the app. In the desktop app a new window is refused and the address goes to
 * the system browser through the shell (src/main/security.ts); in a browser it opens a tab that cannot
 * reach back into the app (noopener).
 */
export function ExternalLink({
  href,
  children,
  label,
}: {
  href: string;
  children: ReactNode;
  label?: string;
}) {
  if (!isWebUrl(href)) return <>{children}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" aria-label={label} className="external-link">
      {children}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
