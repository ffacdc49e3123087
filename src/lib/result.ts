/**
 * One shape for an outcome that can fail in a way the caller handles (a bad file, a refused
 * request, a conflict): `{ ok: true, value }` or `{ ok: false, error }`. Bugs still throw.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
