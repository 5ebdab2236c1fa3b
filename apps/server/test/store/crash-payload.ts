/** The bytes of the i-th update in the crash test, known to both the child and the test. */
export function updateNumber(i: number): Uint8Array {
  return Uint8Array.from({ length: 64 }, (_, j) => (i * 31 + j) % 256);
}
