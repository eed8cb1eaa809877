import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../hooks/errorMessage';

interface Props {
  children: ReactNode;
  /** Called by "Try again" before the children are rendered again. */
  onReset: () => void;
}

interface State {
  error: unknown;
  failed: boolean;
}

/** A crash in rendering shows what went wrong and two ways on, instead of an empty window. */
class Boundary extends Component<Props, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('The window could not be drawn', error, info.componentStack);
  }

  private readonly tryAgain = () => {
    this.props.onReset();
    this.setState({ error: null, failed: false });
  };

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="crash" aria-labelledby="crash-title">
        <div role="alert" className="crash-inner">
          <h1 id="crash-title">Something went wrong</h1>
          <p>{errorMessage(this.state.error)}</p>
          <p className="muted">
            Nothing you stored is lost: leads, failed names and runs are in the database. Try again, or reload
            the window.
          </p>
          <div className="crash-actions">
            <button type="button" className="primary" onClick={this.tryAgain}>
              Try again
            </button>
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        </div>
      </main>
    );
  }
}

/** "Try again" also drops what the core answered, which may be what could not be drawn. */
export function ErrorBoundary({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  return <Boundary onReset={() => void client.resetQueries()}>{children}</Boundary>;
}
