import { act } from '@testing-library/react';

/** Matches the innermost element whose whole text is `text`, even when split across child elements. */
export function fullText(text: string) {
  return (_content: string, element: Element | null): boolean =>
    element?.textContent === text && [...element.children].every((child) => child.textContent !== text);
}

/** Lets the query cache tell its views (it batches on a zero timeout) and React render them. */
export function settle(): Promise<void> {
  return act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}
