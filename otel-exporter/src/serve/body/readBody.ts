import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import type { RequestBudget } from '../limits/inFlight';
import { Refusal, refuse } from '../refusal';
import type { BodyEncoding } from './contentHeaders';
import { zstdDecompressedBound } from './zstdFrames';

export interface BodyPlan {
  readonly encoding: BodyEncoding;
  /** Most bytes as sent. */
  readonly maxBytes: number;
  /** Most bytes after gzip or zstd. */
  readonly maxDecompressedBytes: number;
  /** The refusal for a body beyond either limit (OTLP answers 413, Segment 400 as it documents). */
  readonly tooLarge: (what: 'sent' | 'decompressed', limit: number) => Refusal;
  /** Told of every chunk received as sent (for the received-bytes counter). */
  readonly onBytes: (bytes: number) => void;
  /** Aborted when the request was answered already (a timeout) or its connection closed. */
  readonly signal: AbortSignal;
}

const closed = () => new Refusal('timeout', 'the request was answered or closed before its body ended');

/** Declared Content-Length, or undefined (chunked). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

/**
 * Reads the rest of a body without keeping it, so the answer that follows reaches the client.
 * Settles at the body's end, or when `signal` says the request is over anyway.
 */
export function discardBody(
  req: IncomingMessage,
  signal?: AbortSignal,
  onBytes?: (bytes: number) => void
): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed || signal?.aborted === true) {
      resolve();
      return;
    }
    if (onBytes !== undefined) req.on('data', (chunk: Buffer) => onBytes(chunk.length));
    req.on('end', resolve);
    req.on('close', resolve);
    signal?.addEventListener('abort', () => resolve(), { once: true });
    req.resume();
  });
}

/**
 * Receives a body within the plan and the request's memory budget, decompressing gzip while it
 * arrives (the compressed bytes are never held) and zstd once its frames say how large it gets.
 * Whatever happens, the body is read to its end before this settles, so the refusal it throws can
 * be answered on a connection the client is still reading.
 */
export async function readBody(req: IncomingMessage, plan: BodyPlan, budget: RequestBudget): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > plan.maxBytes) {
    await discardBody(req, plan.signal, plan.onBytes);
    throw plan.tooLarge('sent', plan.maxBytes);
  }
  if (plan.encoding === 'gzip') return gunzipBody(req, plan, budget);
  const raw = await receive(req, plan, budget, declared);
  if (plan.encoding === 'identity') return raw;
  const bound = zstdDecompressedBound(raw);
  if (bound > plan.maxDecompressedBytes) throw plan.tooLarge('decompressed', plan.maxDecompressedBytes);
  budget.reserve(bound);
  let out: Uint8Array;
  try {
    out = zstdDecompress(raw);
  } catch {
    refuse('invalid', 'the body is not valid zstd data');
  }
  budget.giveBack(raw.length + bound - out.length);
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

/** The body as sent, in one buffer; refusals wait for the body's end. */
function receive(
  req: IncomingMessage,
  plan: BodyPlan,
  budget: RequestBudget,
  declared: number | undefined
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let failure: Refusal | undefined;
    // With a declared length the body lands in one buffer, reserved up front; else chunk by chunk.
    const whole = declared === undefined ? undefined : reserveWhole(declared, budget, (f) => (failure = f));
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      plan.onBytes(chunk.length);
      if (failure !== undefined) return;
      if (received > plan.maxBytes) {
        failure = plan.tooLarge('sent', plan.maxBytes);
        return;
      }
      if (whole !== undefined) {
        chunk.copy(whole, received - chunk.length);
        return;
      }
      try {
        budget.reserve(chunk.length);
        chunks.push(chunk);
      } catch (error) {
        // Drop what was held now, so the requests still receiving can finish.
        failure = error as Refusal;
        chunks.length = 0;
        budget.giveBackAll();
      }
    });
    req.on('end', () => {
      if (failure !== undefined) reject(failure);
      else resolve(whole ?? Buffer.concat(chunks, received));
    });
    plan.signal.addEventListener('abort', () => reject(closed()), { once: true });
  });
}

function reserveWhole(length: number, budget: RequestBudget, fail: (refusal: Refusal) => void): Buffer | undefined {
  try {
    budget.reserve(length);
    return Buffer.allocUnsafe(length);
  } catch (error) {
    fail(error as Refusal);
    return undefined;
  }
}

/** Inflates while receiving; stops inflating at the decompressed limit (a bomb never grows past it). */
function gunzipBody(req: IncomingMessage, plan: BodyPlan, budget: RequestBudget): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let received = 0;
    let inflated = 0;
    let failure: Refusal | undefined;
    let requestEnded = false;
    let gunzipEnded = false;
    const stop = (refusal: Refusal) => {
      failure ??= refusal;
      gunzip.destroy();
      chunks.length = 0;
      budget.giveBackAll();
      req.resume();
    };
    const settle = () => {
      if (!requestEnded) return;
      if (failure !== undefined) reject(failure);
      else if (gunzipEnded) resolve(Buffer.concat(chunks, inflated));
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      inflated += chunk.length;
      if (inflated > plan.maxDecompressedBytes) return stop(plan.tooLarge('decompressed', plan.maxDecompressedBytes));
      try {
        budget.reserve(chunk.length);
        chunks.push(chunk);
      } catch (error) {
        stop(error as Refusal);
      }
    });
    gunzip.on('error', () => stop(new Refusal('invalid', 'the body is not valid gzip data')));
    gunzip.on('end', () => {
      gunzipEnded = true;
      settle();
    });
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      plan.onBytes(chunk.length);
      if (failure !== undefined) return;
      if (received > plan.maxBytes) return stop(plan.tooLarge('sent', plan.maxBytes));
      if (!gunzip.write(chunk)) {
        req.pause();
        gunzip.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      requestEnded = true;
      if (failure === undefined) gunzip.end();
      settle();
    });
    plan.signal.addEventListener(
      'abort',
      () => {
        gunzip.destroy();
        reject(closed());
      },
      { once: true }
    );
  });
}
