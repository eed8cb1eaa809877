import type { SyncRunView } from '@shared/contract';
import { SYNC_TRIGGER_LABEL, formatDateTime, formatNumber } from '../format';

interface Props {
  runs: readonly SyncRunView[];
  /** This app's instance id, to tell its runs from those of other apps on the same database. */
  instanceId: string;
}

function Result({ run }: { run: SyncRunView }) {
  if (!run.finishedAt) return <span className="muted">Running…</span>;
  if (run.error) {
    return (
      <span className="error-text" title={run.error}>
        Failed: {run.error}
      </span>
    );
  }
  return <span>Done</span>;
}

/** Recent runs of every app sharing the database, newest first. */
export function SyncHistory({ runs, instanceId }: Props) {
  if (runs.length === 0) return <p className="muted">No sync runs yet.</p>;
  // The core sends them newest first; sorting again keeps that true whatever it sends.
  const sorted = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <div className="table-scroll sync-history-scroll">
      <table className="data-table compact sync-history">
        <caption className="visually-hidden">Recent sync runs</caption>
        <thead>
          <tr>
            <th scope="col" className="col-started">
              Started
            </th>
            <th scope="col" className="col-trigger">
              Trigger
            </th>
            <th scope="col">App</th>
            <th scope="col" className="num col-count">
              Claimed
            </th>
            <th scope="col" className="num col-count">
              Delivered
            </th>
            <th scope="col" className="num col-count">
              Failed
            </th>
            <th scope="col" className="col-result">
              Result
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((run) => (
            <tr key={run.id}>
              <td className="num">
                <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time>
              </td>
              <td>{SYNC_TRIGGER_LABEL[run.trigger]}</td>
              <td title={`App ${run.instanceId}`}>
                <span className="run-host">{run.host}</span>
                {run.instanceId === instanceId && <span className="badge badge-mine">this app</span>}
              </td>
              <td className="num">{formatNumber(run.claimed)}</td>
              <td className="num">{formatNumber(run.delivered)}</td>
              <td className={`num ${run.failed > 0 ? 'error-text' : ''}`}>{formatNumber(run.failed)}</td>
              <td>
                <Result run={run} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
