// Renders the renderer as main.tsx does (or one view of it), over a fake core, with a fresh cache each.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { ApiProvider } from '../../src/renderer/src/api/ApiProvider';
import { createQueryClient } from '../../src/renderer/src/api/queryClient';
import { Root } from '../../src/renderer/src/Root';
import type { FakeCore } from './fakeApi';

export function renderApp(fake: FakeCore) {
  return render(<Root api={fake.api} client={createQueryClient()} />);
}

/** One component with the api and a cache above it, as the app provides them. */
export function renderWithApi(ui: ReactElement, fake: FakeCore) {
  return render(
    <ApiProvider api={fake.api} client={createQueryClient()}>
      {ui}
    </ApiProvider>,
  );
}
