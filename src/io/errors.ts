/**
 * A problem with a user's input, told in one line that names the file:
 *   "npp/npp_2005.tif: not on the analysis grid (1147 × 767 px expected, got 1146 × 767)"
 * Every loader throws this (never a bare Error) for bad input, so the CLI and the app can
 * show `message` as it is.
 */
export class DatasetError extends Error {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'DatasetError';
    this.file = file;
    this.problem = problem;
  }
}

export function isDatasetError(e: unknown): e is DatasetError {
  return e instanceof Error && e.name === 'DatasetError' && typeof (e as DatasetError).file === 'string';
}
