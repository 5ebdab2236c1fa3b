/** Closes an exhaustive switch: the compiler rejects the call when a case is missing. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
