import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsView } from '@shared/contract';
import { createFakeCore, makeSettings } from './fakeApi';
import { renderApp } from './render';

// React and the boundary report the crash on the console: expected here, and kept out of the output.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('A crash while drawing the window', () => {
  it('shows what went wrong with a way on, not a white window; Try again draws it anew', async () => {
    const fake = createFakeCore();
    // An answer the renderer cannot draw (settings without their list of problems).
    const { problems: _problems, ...broken } = makeSettings();
    fake.handle['settings:get'].mockResolvedValueOnce(broken as SettingsView);
    const user = userEvent.setup();
    renderApp(fake);

    const alert = await screen.findByRole('alert');
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument();
    expect(alert).toHaveTextContent(/Cannot read properties of undefined/);
    expect(alert).toHaveTextContent('Nothing you stored is lost');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Names' })).not.toBeInTheDocument();

    // The next answer is a good one: Try again asks for it and draws the window.
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('textbox', { name: 'Names' })).toBeInTheDocument();
    expect(screen.queryByText('Something went wrong')).not.toBeInTheDocument();
  });
});
