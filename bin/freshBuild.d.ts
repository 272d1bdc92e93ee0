/** True when `compiled` exists and is newer than every file under `sourceDir` (and KURATOR_TSX is not 1). */
export function isFresh(compiled: string, sourceDir: string): boolean;
