/*
 * Content-Type and Content-Encoding as HTTP defines them: names are case-insensitive (RFC 9110
 * §8.3.1, §8.4), parameters such as `charset` follow a `;`.
 */

/** The media type alone, lowercased: `Application/JSON; charset=UTF-8` → `application/json`. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

export const bodyEncodings = ['identity', 'gzip', 'zstd'] as const;
export type BodyEncoding = (typeof bodyEncodings)[number];

/**
 * The one coding applied to the body, or undefined for anything else (a chain of codings, or one
 * not spoken here). `x-gzip` is gzip (RFC 9110 §8.4.1.3).
 */
export function bodyEncodingOf(header: string | undefined): BodyEncoding | undefined {
  const coding = (header ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return 'identity';
  if (coding === 'gzip' || coding === 'x-gzip') return 'gzip';
  if (coding === 'zstd') return 'zstd';
  return undefined;
}
