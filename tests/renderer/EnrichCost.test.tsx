import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { connectedStatus, createFakeCore, makeLead, makeSettings, type FakeCore } from './fakeApi';
import { renderApp } from './render';
import { fullText } from './text';

const MINUTE = 60_000;

/** The API said: `remaining` names left in this window, which resets in 23 h 58 min. */
function withQuota(remaining: number, init: Parameters<typeof createFakeCore>[0] = {}): FakeCore {
  const resetsAt = new Date(Date.now() + (23 * 60 + 58) * MINUTE + 20_000).toISOString();
  return createFakeCore({
    ...init,
    status: { ...connectedStatus, rateLimit: { limit: 1000, remaining, resetsAt } },
  });
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `Person Number${i}`);

async function paste(fake: FakeCore, text: string) {
  const user = userEvent.setup();
  renderApp(fake);
  const textarea = await screen.findByRole('textbox', { name: 'Names' });
  await user.click(textarea);
  await user.paste(text);
  return { user, textarea };
}

describe('What a run will cost, before it starts', () => {
  it('shows the names to ask, the quota left and its reset, and what costs nothing', async () => {
    const fake = withQuota(917, { leads: [makeLead({ name: 'Ada Lovelace' })] });
    await paste(fake, [...names(30), 'Ada Lovelace'].join('\n'));

    expect(
      await screen.findByText(fullText('30 names to ask · 917 left in this window · resets in 23 h 58 min')),
    ).toBeInTheDocument();
    expect(screen.getByText(fullText('1 already enriched: no cost'))).toBeInTheDocument();
    // Asked once typing paused, with the text as pasted.
    expect(fake.handle['enrich:plan']).toHaveBeenCalledTimes(1);
    expect(fake.handle['enrich:plan']).toHaveBeenCalledWith({
      text: [...names(30), 'Ada Lovelace'].join('\n'),
    });
    expect(screen.getByRole('button', { name: 'Enrich' })).toHaveAccessibleDescription(/30 names to ask/);
  });

  it('says the quota is not known before the API has answered once', async () => {
    const fake = createFakeCore();
    await paste(fake, 'Ada Lovelace\nGrace Hopper');
    expect(
      await screen.findByText(fullText('2 names to ask · quota left not known yet')),
    ).toBeInTheDocument();
  });

  it('counts gender and age in the quota a run costs, when they are turned on', async () => {
    const fake = withQuota(917, {
      settings: makeSettings({
        nationalize: { ...makeSettings().nationalize, gender: true, age: true },
      }),
    });
    await paste(fake, names(3).join('\n'));
    expect(
      await screen.findByText(
        fullText(
          '3 names to ask (9 of quota with gender and age) · 917 left in this window · resets in 23 h 58 min',
        ),
      ),
    ).toBeInTheDocument();
  });

  it('enriches at once when the quota allows every name', async () => {
    const fake = withQuota(917);
    const { user } = await paste(fake, names(5).join('\n'));
    await screen.findByText(/5 names to ask/);
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenCalledTimes(1));
    // The cost was asked again when Enrich was pressed.
    expect(fake.handle['enrich:plan']).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('When the quota cannot pay for the whole paste', () => {
  it('asks: enrich what it allows now and queue the rest, or cancel', async () => {
    const fake = withQuota(10);
    const text = names(30).join('\n');
    const { user } = await paste(fake, text);
    expect(
      await screen.findByText('Only 10 can be asked now; the other 20 will wait for the quota to reset.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not enough quota for every name' });
    expect(dialog).toHaveAccessibleDescription(
      /30 names need the API; the quota left in this window allows 10/,
    );
    const now = within(dialog).getByRole('button', {
      name: 'Enrich 10 now and queue 20 until the quota resets (in 23 h 58 min)',
    });
    // Keyboard first: the choice has the focus, the rest of the window is inert.
    expect(now).toHaveFocus();
    expect(document.querySelector('.app-body')).toHaveAttribute('inert');
    expect(fake.handle['enrich:start']).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fake.handle['enrich:start']).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Names' })).toHaveValue(text);

    // Esc is Cancel too.
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // Enter on the focused choice: the run starts (the core queues what the quota cannot pay).
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    await screen.findByRole('dialog');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.handle['enrich:start']).toHaveBeenCalledWith({ text }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByRole('progressbar', { name: 'Enriching names' })).toBeInTheDocument();
  });

  it('offers to queue everything when no quota is left', async () => {
    const fake = withQuota(0);
    const { user } = await paste(fake, names(4).join('\n'));
    await screen.findByText(/4 names to ask/);
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const dialog = await screen.findByRole('dialog', { name: 'Not enough quota for every name' });
    expect(
      within(dialog).getByRole('button', { name: 'Queue all 4 until the quota resets (in 23 h 58 min)' }),
    ).toBeInTheDocument();
  });

  it('decides on the cost as it is when Enrich is pressed, not as it was shown', async () => {
    const fake = withQuota(917);
    const text = names(30).join('\n');
    const { user } = await paste(fake, text);
    await screen.findByText(/917 left in this window/);
    // Another app spent the quota meanwhile: the API's last word is that 5 are left.
    fake.status = { ...fake.status, rateLimit: { ...fake.status.rateLimit!, remaining: 5 } };
    await user.click(screen.getByRole('button', { name: 'Enrich' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: /^Enrich 5 now and queue 25 / })).toBeInTheDocument();
  });

  it('says when the run waits for the quota, and when its names will be asked', async () => {
    const fake = withQuota(100);
    const { user } = await paste(fake, names(300).join('\n'));
    await user.click(await screen.findByRole('button', { name: 'Enrich' }));
    await user.click(await screen.findByRole('button', { name: /^Enrich 100 now and queue 200/ }));
    await screen.findByRole('progressbar');
    const resumeAt = new Date(Date.now() + 3 * 60 * MINUTE + 20_000);
    act(() =>
      fake.finishRun({
        state: 'waiting_quota',
        pasted: 300,
        unique: 300,
        enriched: 100,
        verified: 60,
        toCheck: 40,
        waiting: 200,
        resumeAt: resumeAt.toISOString(),
      }),
    );
    expect(await screen.findByText('Enrich waiting for quota')).toBeInTheDocument();
    const at = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(resumeAt);
    const sameDay = resumeAt.toDateString() === new Date().toDateString();
    expect(
      screen.getByText(
        sameDay
          ? `300 names: 100 enriched, 200 waiting for quota — they will be asked by themselves at ${at} (in 3 h).`
          : /^300 names: 100 enriched, 200 waiting for quota — they will be asked by themselves at .+ \(in 3 h\)\.$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        fullText(
          '100 enriched (60 Verified, 40 To Check) · 0 already enriched · 0 failed · 0 cancelled · 0 duplicates folded · 200 waiting for quota',
        ),
      ),
    ).toBeInTheDocument();
  });
});
