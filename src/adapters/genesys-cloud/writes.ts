import { AdapterError } from '../errors.js';

/** A failure that says nothing about whether the write was carried out: no answer, or a 5xx. */
export function outcomeUnknown(error: AdapterError): boolean {
  if (error.code === 'timeout' || error.code === 'network') return true;
  const status = error.detail.status;
  return typeof status === 'number' && status >= 500;
}

export interface ConfirmedWrite {
  /** Sends the request, once. */
  send(signal: AbortSignal | undefined): Promise<unknown>;
  /** Reads the service back within `timeoutMs`: whether it holds what the write asked for. */
  readBack(timeoutMs: number): Promise<boolean>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Sends a write once. When its answer is lost (timeout, dropped connection, 5xx), the service is
 * read back before anything is reported: the change found there is a success, a change not found
 * rejects with the original error, and a read-back that fails too rejects with `unconfirmed` (the
 * write may have been made). Never sent twice: sending again is how one click becomes two.
 */
export async function confirmWrite(write: ConfirmedWrite): Promise<void> {
  try {
    await write.send(write.signal);
  } catch (error) {
    const failure = AdapterError.from(error);
    if (!outcomeUnknown(failure) || write.signal?.aborted) throw failure;
    let holds: boolean;
    try {
      holds = await write.readBack(Math.max(500, Math.round(write.timeoutMs / 2)));
    } catch (readError) {
      throw new AdapterError('unconfirmed', 'Genesys Cloud did not answer, and whether the change was made is not known.', {
        cause: readError,
        detail: { after: failure.code, ...failure.detail },
      });
    }
    if (!holds) throw failure;
  }
}
