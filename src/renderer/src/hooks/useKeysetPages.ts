import { useState } from 'react';
import { LEADS_MAX_JUMP_ROWS } from '@shared/contract';

/** Where the page on screen is: its number, and the cursor it was reached by (paging on or back). */
interface PageAt {
  page: number;
  cursor?: { after: string } | { before: string };
}

const FIRST: PageAt = { page: 1 };

/**
 * Paging of a keyset list (leads:list): the next and previous pages by cursor, so no page is ever too
 * far, and the first page and jumps by number, up to the jump limit. A new filter starts again at page 1.
 */
export function useKeysetPages(filterKey: string, pageSize: number) {
  const [paging, setPaging] = useState<{ filterKey: string; at: PageAt }>({ filterKey, at: FIRST });
  const at = paging.filterKey === filterKey ? paging.at : FIRST;
  return {
    /** What the list request adds: a cursor, or a page number. */
    request: at.cursor ?? { page: at.page },
    page: at.page,
    /** The furthest page a jump reaches; later pages by paging on, sorting or searching. */
    maxJump: Math.floor(LEADS_MAX_JUMP_ROWS / pageSize) + 1,
    /** Goes to page `next`, by the shown page's cursors when it is a neighbour. */
    go(next: number, shown: { next: string | null; prev: string | null } | undefined) {
      let target: PageAt = { page: next };
      if (next === at.page + 1 && shown?.next) target = { page: next, cursor: { after: shown.next } };
      else if (next === at.page - 1 && next > 1 && shown?.prev)
        target = { page: next, cursor: { before: shown.prev } };
      setPaging({ filterKey, at: target });
    },
  };
}
