/** Matches the innermost element whose whole text is `text`, even when split across child elements. */
export function fullText(text: string) {
  return (_content: string, element: Element | null): boolean =>
    element?.textContent === text && [...element.children].every((child) => child.textContent !== text);
}
