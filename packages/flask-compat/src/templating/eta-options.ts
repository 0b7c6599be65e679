/**
 * The Eta settings templates are compiled with, shared by the run-time environment and the
 * build-time precompiler so that both produce the same output byte for byte.
 */
export const ETA_OPTIONS = {
  autoEscape: true,
  useWith: true,
  autoTrim: false,
} as const
