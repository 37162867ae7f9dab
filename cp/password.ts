// Password protection for the user directory. The directory source is the
// operator's and may hold clear passwords (as a real USER DIRECT did); the
// copy CP writes into the data directory holds only salted scrypt hashes, so
// nothing the system writes carries a password in clear. A hashed password is
// one blank-free token, so it fits the directory's positional syntax:
//
//   $S1$<salt hex>$<hash hex>
//
// The words NOLOG (USER: cannot log on) and ALL (MDISK read password: anyone
// may link read-only) are not passwords and are never hashed.

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const PREFIX = '$S1$';
const KEY_LENGTH = 16;
/** Kept small: a directory of a few hundred users is hashed at first start. */
const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1 } as const;

/** Words in password positions that are keywords, not secrets. */
export const PASSWORD_KEYWORDS: ReadonlySet<string> = new Set(['NOLOG', 'ALL', 'NOPASS']);

export function isHashedPassword(token: string): boolean {
  return token.startsWith(PREFIX);
}

/** Hash a clear password (upper-cased first: CP passwords are case-insensitive). */
export function hashPassword(clear: string, salt: Buffer = randomBytes(8)): string {
  const hash = scryptSync(clear.toUpperCase(), salt, KEY_LENGTH, SCRYPT_OPTIONS);
  return `${PREFIX}${salt.toString('hex')}$${hash.toString('hex')}`;
}

/**
 * Does `clear` match the stored password? The stored form may be a hash or,
 * for a directory read straight from the operator's source, clear text.
 */
export function passwordMatches(stored: string, clear: string): boolean {
  if (!isHashedPassword(stored)) {
    const a = Buffer.from(stored.toUpperCase());
    const b = Buffer.from(clear.toUpperCase());
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const [, , saltHex, hashHex] = stored.split('$');
  if (!saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(clear.toUpperCase(), Buffer.from(saltHex, 'hex'), expected.length, SCRYPT_OPTIONS);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The stored form of a password token: keywords and hashes as they are, anything else hashed. */
export function protectPassword(token: string): string {
  const upper = token.toUpperCase();
  if (PASSWORD_KEYWORDS.has(upper) || isHashedPassword(token)) return token;
  return hashPassword(upper);
}
