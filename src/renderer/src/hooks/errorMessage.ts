/**
 * The human message of a failed call. Only `message` is used: errors crossing Electron's
 * contextBridge keep their message but lose their class and `code`.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'Something went wrong.';
}
