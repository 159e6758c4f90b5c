/** Worker thread of checkedBatches.ts: reads the file, checks each record, sends batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { type FromReader, produceCheckedBatches, type ReaderOptions, type ToReader } from './checkedBatches.ts';

const port = parentPort;
if (port === null) throw new Error('readerWorker.ts runs as a worker thread');
await produceCheckedBatches(workerData as ReaderOptions, {
  send: (message: FromReader) => port.postMessage(message),
  onMessage: (listener: (message: ToReader) => void) => port.on('message', listener),
});
