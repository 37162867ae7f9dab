// The CMS message id that goes before a REXX error message ("DMSREX475E
// Error 40 running FOO EXEC, line 202: Incorrect call to routine"). The
// REXX reference (SC24-5239, "Error Numbers and Messages") cross-references
// each error number to a DMSREX message number; CP's SET EMSG decides
// whether the id shows. Three pairs are known from IBM's CMS (error 26 is
// DMSREX466E in the reference's table; 34 and 40 were seen as DMSREX470E
// and DMSREX475E). The table is not in order of error number, so the
// others cannot be derived from those: vmcms uses 440 + n for them, a guess
// that agrees with error 26.

/** DMSREX message numbers known from IBM's CMS, by REXX error number. */
const KNOWN: ReadonlyMap<number, number> = new Map([
  [26, 466],
  [34, 470],
  [40, 475],
]);

/** `DMSREXnnnE` for REXX error `code`. */
export function rexxMessageId(code: number): string {
  const n = KNOWN.get(code) ?? 440 + code;
  return `DMSREX${String(n).padStart(3, '0')}E`;
}
