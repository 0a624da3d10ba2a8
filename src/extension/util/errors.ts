import { HubError } from '../../core/errors/hubError';

/** One line for the user: a HubError's cause + fix, any other error's message, never a stack. */
export function errorLine(error: unknown): string {
  if (error instanceof HubError) return `${error.failure.cause}. ${error.failure.fix}`;
  if (error instanceof Error) return firstLine(error.message);
  return firstLine(String(error));
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  return line.length > 0 ? line : 'unknown error';
}
