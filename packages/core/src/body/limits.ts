/**
 * Bounds on what the body readers accept from one request. Every reader takes a partial set and
 * fills the rest from {@link defaultBodyLimits}.
 *
 * @example
 * const limits: Partial<BodyLimits> = { maxBodySize: 64 * 1024, maxParts: 20 }
 * await readJson(c, { limits })
 */
export interface BodyLimits {
  /** Largest JSON, text, raw or urlencoded body, in bytes. */
  maxBodySize: number
  /** Most fields in an urlencoded body, or parts in a multipart body. */
  maxParts: number
  /** Largest text field (decoded, in UTF-8 bytes) of an urlencoded or multipart body. */
  maxFieldSize: number
  /** Largest file part of a multipart body, in bytes. */
  maxFileSize: number
  /** Largest header block of one multipart part, in bytes. */
  maxHeaderSize: number
  /**
   * Largest whole multipart body, in bytes (boundaries and part headers included). Separate from
   * `maxBodySize` because uploads are legitimately much larger than JSON documents.
   */
  maxMultipartSize?: number
}

const KiB = 1024
const MiB = 1024 * KiB

/**
 * The limits used when a reader is given none: 1 MiB for JSON, text and urlencoded bodies;
 * 32 MiB for a multipart body, of which any one file may take 10 MiB and any text field 500 kB.
 *
 * @example
 * const limits = { ...defaultBodyLimits, maxFileSize: 50 * 1024 * 1024, maxMultipartSize: 64 * 1024 * 1024 }
 */
export const defaultBodyLimits: Readonly<Required<BodyLimits>> = Object.freeze({
  maxBodySize: MiB,
  maxParts: 1000,
  maxFieldSize: 500_000,
  maxFileSize: 10 * MiB,
  maxHeaderSize: 8 * KiB,
  maxMultipartSize: 32 * MiB,
})

/** The given limits over the defaults; the defaults object itself when none are given (no allocation). */
export function resolveLimits(limits: Partial<BodyLimits> | undefined): Readonly<Required<BodyLimits>> {
  if (limits === undefined) return defaultBodyLimits
  return {
    maxBodySize: limits.maxBodySize ?? defaultBodyLimits.maxBodySize,
    maxParts: limits.maxParts ?? defaultBodyLimits.maxParts,
    maxFieldSize: limits.maxFieldSize ?? defaultBodyLimits.maxFieldSize,
    maxFileSize: limits.maxFileSize ?? defaultBodyLimits.maxFileSize,
    maxHeaderSize: limits.maxHeaderSize ?? defaultBodyLimits.maxHeaderSize,
    maxMultipartSize: limits.maxMultipartSize ?? defaultBodyLimits.maxMultipartSize,
  }
}
