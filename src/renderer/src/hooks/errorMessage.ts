import { ApiError } from '@shared/api';

/** The human message of a failed call: the core's ApiError says what is wrong and what to do. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'Something went wrong.';
}

/** The call failed because the database is away or not set up: the status bar says so already. */
export function isDatabaseError(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'db_unavailable' || error.code === 'not_configured');
}
