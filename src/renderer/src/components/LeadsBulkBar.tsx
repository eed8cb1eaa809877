import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LeadStatus, LeadView, LeadsFilter } from '@shared/contract';
import { useApi } from '../api/ApiProvider';
import { invalidateDatabase } from '../api/coreEvents';
import { formatNumber, plural } from '../format';
import { errorMessage } from '../hooks/errorMessage';
import { useSettingsQuery, useStatusQuery } from '../hooks/queries';
import { leadsToTsv } from '@shared/table';
import { ConfirmDialog } from './ConfirmDialog';
import { ExportDialog } from './ExportDialog';
import type { Sort } from './SortHeader';

/** The leads a bulk action is for: the ones ticked, or every lead matching the view's filter. */
export type LeadsSelection =
  | { kind: 'ids'; leads: LeadView[] }
  | { kind: 'filter'; filter: LeadsFilter & { status?: LeadStatus }; count: number };

interface Props {
  selection: LeadsSelection;
  selectedCount: number;
  /** Leads matching the view, when counted. */
  matching: number | null;
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  /** An action changed the leads (deleted, queued): the selection goes. */
  onDone: () => void;
  busy: boolean;
  onRefresh?: (target: LeadsSelection) => Promise<unknown>;
  /** The view as it is (filters, search, sort), for an export of all of it. */
  viewFilter: LeadsFilter & { status?: LeadStatus };
  sort: Sort;
  /** More of the view's own controls, at the start of the bar. */
  children?: ReactNode;
}

type Asking = 'delete' | 'refresh' | 'export' | null;

/** The request part that names the leads: their ids, or the filter. */
export function targetOf(selection: LeadsSelection) {
  return selection.kind === 'ids'
    ? { ids: selection.leads.map((lead) => lead.id) }
    : { filter: selection.filter };
}

/**
 * What can be done with the selected leads: copy them (tab-separated, for a spreadsheet), export them,
 * enrich them again (it costs quota: said first), or delete them (asked first). Export works with no
 * selection too: the view as it is.
 */
export function LeadsBulkBar({
  selection,
  selectedCount,
  matching,
  allMatching,
  onSelectAllMatching,
  onClear,
  onDone,
  busy,
  onRefresh,
  viewFilter,
  sort,
  children,
}: Props) {
  const api = useApi();
  const client = useQueryClient();
  const [asking, setAsking] = useState<Asking>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const settings = useSettingsQuery().data;
  const remaining = useStatusQuery().data?.rateLimit?.remaining ?? null;
  const perName =
    1 + Number(settings?.nationalize.gender ?? false) + Number(settings?.nationalize.age ?? false);
  const cost = selectedCount * perName;
  const some = selectedCount > 0;

  async function act(action: () => Promise<string | null>) {
    setWorking(true);
    setError(null);
    try {
      const said = await action();
      setAsking(null);
      setMessage(said);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setWorking(false);
    }
  }

  async function copy() {
    if (selection.kind !== 'ids') return;
    try {
      await navigator.clipboard.writeText(leadsToTsv(selection.leads));
      setMessage(`${plural(selection.leads.length, 'lead')} copied: paste them into a spreadsheet.`);
    } catch {
      setMessage('The clipboard could not be written to: export the leads instead.');
    }
  }

  const close = () => {
    setAsking(null);
    setError(null);
  };

  return (
    <>
      <div className="bulk-row">
        {children}
        <div className="bulk-bar" role="toolbar" aria-label="Selected leads">
          <span className="num bulk-count" aria-live="polite">
            {some ? `${formatNumber(selectedCount)} selected` : 'Select leads to act on them'}
          </span>
          {some && !allMatching && matching !== null && matching > selectedCount && (
            <button
              type="button"
              className="link-button"
              aria-label={`Select all ${formatNumber(matching)} matching`}
              title="Every lead of this view, on this page and the others"
              onClick={onSelectAllMatching}
            >
              All {formatNumber(matching)} matching
            </button>
          )}
          {some && (
            <button type="button" className="link-button" onClick={onClear}>
              Clear
            </button>
          )}
          <span className="toolbar-spacer" />
          <button
            type="button"
            className="small"
            disabled={!some || selection.kind !== 'ids'}
            title={selection.kind === 'filter' ? 'Too many to copy: export them instead' : undefined}
            onClick={() => void copy()}
          >
            Copy
          </button>
          <button type="button" className="small" onClick={() => setAsking('export')}>
            Export…
          </button>
          {onRefresh && (
            <button
              type="button"
              className="small"
              disabled={!some || busy}
              title={busy ? 'Wait for the run in flight' : 'Ask nationalize.io again for these leads'}
              onClick={() => setAsking('refresh')}
            >
              Refresh…
            </button>
          )}
          <button type="button" className="small" disabled={!some} onClick={() => setAsking('delete')}>
            Delete…
          </button>
        </div>
      </div>
      {/* Always mounted so screen readers announce what an action did. */}
      <p role="status" className="bulk-status muted">
        {message}
      </p>
      {asking === 'delete' && (
        <ConfirmDialog
          title={`Delete ${plural(selectedCount, 'lead')}?`}
          confirmLabel={`Delete ${plural(selectedCount, 'lead')}`}
          danger
          busy={working}
          error={error}
          onCancel={close}
          onConfirm={() =>
            void act(async () => {
              const { deleted } = await api.leads.delete(targetOf(selection));
              invalidateDatabase(client);
              return `${plural(deleted, 'lead')} deleted.`;
            })
          }
        >
          <p>They are removed from this database for good. Leads already sent to the CRM stay there.</p>
        </ConfirmDialog>
      )}
      {asking === 'refresh' && onRefresh && (
        <ConfirmDialog
          title={`Refresh ${plural(selectedCount, 'lead')}?`}
          confirmLabel={`Refresh ${plural(selectedCount, 'lead')}`}
          busy={working || busy}
          error={error}
          onCancel={close}
          onConfirm={() => {
            const target = selection;
            setAsking(null);
            onDone();
            void onRefresh(target);
          }}
        >
          <p className="num">
            nationalize.io is asked again for each: {formatNumber(cost)} of quota
            {remaining !== null ? `, of ${formatNumber(remaining)} left in this window` : ''}.
          </p>
          {remaining !== null && remaining < cost && (
            <p className="warning-text">
              Names past the quota left wait in the run and are asked by themselves when it resets.
            </p>
          )}
        </ConfirmDialog>
      )}
      {asking === 'export' && (
        <ExportDialog
          what="leads"
          selection={some ? selection : null}
          selectedCount={selectedCount}
          viewFilter={viewFilter}
          viewCount={matching}
          sort={sort}
          onClose={(said) => {
            close();
            if (said) setMessage(said);
          }}
        />
      )}
    </>
  );
}
