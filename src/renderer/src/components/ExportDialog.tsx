import { useId, useRef, useState } from 'react';
import type { LeadStatus, LeadsFilter } from '@shared/contract';
import type { ExportFormat } from '@shared/contract';
import { exportFileName } from '@shared/table';
import { useApi } from '../api/ApiProvider';
import { useFiles } from '../api/files';
import { formatNumber, plural } from '../format';
import { errorMessage } from '../hooks/errorMessage';
import { Dialog } from './Dialog';
import type { LeadsSelection } from './LeadsBulkBar';
import type { Sort } from './SortHeader';

type Props =
  | {
      what: 'leads';
      /** The ticked leads (or all matching), or null when none are. */
      selection: LeadsSelection | null;
      selectedCount: number;
      viewFilter: LeadsFilter & { status?: LeadStatus };
      viewCount: number | null;
      sort: Sort;
      /** Closed; with what was done, to show. */
      onClose: (said: string | null) => void;
    }
  | {
      what: 'failures';
      /** The failed names of one run, or all of them. */
      runId?: string;
      viewCount: number | null;
      onClose: (said: string | null) => void;
    };

const FORMAT_LABEL: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel (.xlsx)' };

/** A filter without its unset fields (undefined would be sent as a field). */
function withoutEmpty(filter: LeadsFilter): LeadsFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as LeadsFilter;
}

/** The bridge's download query: the request's fields as text, the filter's flat, ids joined by commas. */
function params(request: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  const { filter, ...rest } = request as { filter?: Record<string, unknown> };
  for (const [key, value] of Object.entries({ ...filter, ...rest })) {
    if (value === undefined || value === null) continue;
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return query;
}

/** Starts a download in the browser: the bridge streams the file, the page never holds it. */
function download(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Results out: the view as it is (filters, search and sort applied) or the selection, as CSV or Excel.
 * In the app the person chooses where to save it; in a browser it downloads.
 */
export function ExportDialog(props: Props) {
  const api = useApi();
  const files = useFiles();
  const id = useId();
  const primary = useRef<HTMLButtonElement>(null);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const hasSelection = props.what === 'leads' && props.selection !== null;
  const [scope, setScope] = useState<'selection' | 'view'>(hasSelection ? 'selection' : 'view');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Which leads, in which order: the selection's ids, or the view's (or all matching) filter and sort. */
  function leadRows(): { ids: string[] } | { filter: LeadsFilter; sortBy: Sort['by']; sortDir: Sort['dir'] } {
    if (props.what !== 'leads') throw new Error('not leads');
    if (scope === 'selection' && props.selection?.kind === 'ids') {
      return { ids: props.selection.leads.map((lead) => lead.id) };
    }
    const filter =
      scope === 'selection' && props.selection?.kind === 'filter' ? props.selection.filter : props.viewFilter;
    return { filter: withoutEmpty(filter), sortBy: props.sort.by, sortDir: props.sort.dir };
  }

  function failureRows(): { runId?: string } {
    return props.what === 'failures' && props.runId ? { runId: props.runId } : {};
  }

  const rows = () => (props.what === 'leads' ? leadRows() : failureRows());

  async function run() {
    setWorking(true);
    setError(null);
    const name = exportFileName(props.what, format);
    try {
      if (files.downloadUrl) {
        download(files.downloadUrl(`/export/${props.what}`, params({ ...rows(), format })), name);
        props.onClose(`Downloading ${name}.`);
        return;
      }
      // The desktop app: main asks where to save (cancelled: nothing is written).
      const result =
        props.what === 'leads'
          ? await api.leads.export({ ...leadRows(), format })
          : await api.failures.export({ ...failureRows(), format });
      if (result.cancelled || !result.path) return;
      const noun = props.what === 'leads' ? 'lead' : 'failed name';
      props.onClose(`${plural(result.rows, noun)} exported to ${result.path}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setWorking(false);
    }
  }

  const count =
    props.what === 'leads' && scope === 'selection' ? props.selectedCount : (props.viewCount ?? null);
  return (
    <Dialog
      title={props.what === 'leads' ? 'Export leads' : 'Export failed names'}
      onClose={() => props.onClose(null)}
      closeButton={false}
      initialFocus={primary}
      className="choice-dialog"
    >
      <div className="dialog-body">
        {props.what === 'leads' && (
          <fieldset className="export-choice">
            <legend>Which leads</legend>
            <label>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'view'}
                onChange={() => setScope('view')}
              />
              The view as it is{props.viewCount !== null ? ` (${formatNumber(props.viewCount)})` : ''}: its
              tab, filters, search and sort
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'selection'}
                disabled={!hasSelection}
                onChange={() => setScope('selection')}
              />
              The selection ({formatNumber(props.selectedCount)})
            </label>
          </fieldset>
        )}
        <fieldset className="export-choice">
          <legend>Format</legend>
          {(['csv', 'xlsx'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-format`}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {FORMAT_LABEL[value]}
            </label>
          ))}
        </fieldset>
        {error && (
          <div role="alert" className="alert alert-error">
            {error}
          </div>
        )}
        <div className="review-buttons">
          <button
            ref={primary}
            type="button"
            className="primary"
            disabled={working || count === 0}
            onClick={() => void run()}
          >
            {count === null ? 'Export' : `Export ${formatNumber(count)}`}
          </button>
          <button type="button" onClick={() => props.onClose(null)}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
