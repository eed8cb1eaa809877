import { formatNumber } from '../format';

interface Props {
  /** Accessible name of the pager, e.g. "Leads pages". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

export function Pager({ label, page, pageSize, total, onPage }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <span className="num">
        Showing {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
      </span>
      <span className="pager-buttons">
        <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous
        </button>
        <span className="num">
          Page {formatNumber(page)} of {formatNumber(pages)}
        </span>
        <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
          Next
        </button>
      </span>
    </nav>
  );
}
