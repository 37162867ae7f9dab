/** Host CLI convention: a clear one-line error on stderr and exit 2. */
export function fail(message: string): never {
  process.stderr.write(`vmcms: ${message}\n`);
  process.exit(2);
}
