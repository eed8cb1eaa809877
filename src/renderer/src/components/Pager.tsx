import { useId, useState, type FormEvent } from 'react';
import { formatNumber } from '../format';

interface Props {
  /** Accessible name of the pager, e.g. "Leads pages". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  /** Shown items on this page (the last one may hold fewer). */
  shown?: number;
  onPage: (page: number) => void;
  /** Where the previous and next pages are, when the list pages by cursor; else from the page number. */
  hasPrev?: boolean;
  hasNext?: boolean;
  /** The furthest page a jump may reach; further ones by paging on, sorting or searching. */
  maxJump?: number;
}

/** First, previous, next, and a jump to a page by number: 200 pages are not 200 clicks. */
export function Pager({ label, page, pageSize, total, shown, onPage, hasPrev, hasNext, maxJump }: Props) {
  const id = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = shown === undefined ? Math.min(total, page * pageSize) : Math.min(total, first + shown - 1);
  const canPrev = hasPrev ?? page > 1;
  const canNext = hasNext ?? page < pages;
  const jumpLimit = Math.min(pages, maxJump ?? pages);
  const [draft, setDraft] = useState<string | null>(null);

  function jump(event: FormEvent) {
    event.preventDefault();
    const wanted = Number(draft);
    setDraft(null);
    if (Number.isInteger(wanted) && wanted >= 1 && wanted <= jumpLimit && wanted !== page) onPage(wanted);
  }

  return (
    <nav className="pager" aria-label={label}>
      <span className="num">
        Showing {formatNumber(first)}–{formatNumber(Math.max(first, last))} of {formatNumber(total)}
      </span>
      <span className="pager-buttons">
        {pages > 2 && (
          <button type="button" onClick={() => onPage(1)} disabled={page <= 1}>
            First
          </button>
        )}
        <button type="button" onClick={() => onPage(page - 1)} disabled={!canPrev}>
          Previous
        </button>
        {pages > 2 ? (
          <form className="pager-jump num" onSubmit={jump}>
            <label htmlFor={`${id}-page`}>Page</label>
            <input
              id={`${id}-page`}
              type="number"
              inputMode="numeric"
              min={1}
              max={jumpLimit}
              value={draft ?? String(page)}
              title={
                jumpLimit < pages
                  ? `Pages up to ${formatNumber(jumpLimit)} can be reached directly; sort or search to reach the others`
                  : undefined
              }
              onChange={(event) => setDraft(event.target.value)}
              onBlur={() => setDraft(null)}
            />
            <span>of {formatNumber(pages)}</span>
          </form>
        ) : (
          <span className="num">
            Page {formatNumber(page)} of {formatNumber(pages)}
          </span>
        )}
        <button type="button" onClick={() => onPage(page + 1)} disabled={!canNext}>
          Next
        </button>
      </span>
    </nav>
  );
}
