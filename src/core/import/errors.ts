// The one error an import ends with: a sentence for the person, never the parser's own words.
import { CoreError } from '../errors';

export type ImportErrorKind =
  'unreadable' | 'wrong_type' | 'empty' | 'malformed' | 'no_such_column' | 'cancelled';

export class ImportError extends CoreError {
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
  ) {
    super('invalid_request', message);
    this.name = 'ImportError';
  }
}

/** "1,204": row numbers as people read them. */
export function rowNumber(n: number): string {
  return n.toLocaleString('en-US');
}
